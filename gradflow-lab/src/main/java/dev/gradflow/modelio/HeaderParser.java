package dev.gradflow.modelio;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.gradflow.tensor.Shape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a safetensors header with Jackson's streaming parser, token by token, so every error can name the tensor
 * or the header character where it occurs and nothing is built from unchecked input. Work and memory are linear in
 * the header's length: no value is skipped unread, no number is used before it is range-checked.
 */
final class HeaderParser {
    /** The header's depth is 3 ({@code {name: {shape: [..]}}}); deeper input is rejected early by this bound. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();
    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");
    /** gradflow reads tensors of up to this many dimensions; a longer shape is an error, not a large allocation. */
    static final int MAX_RANK = 64;

    private final String text;
    private final long dataLength;
    private final String source;
    private JsonParser parser;

    HeaderParser(String text, long dataLength, String source) {
        this.text = text;
        this.dataLength = dataLength;
        this.source = source;
    }

    SafetensorsHeader parse() {
        try (JsonParser p = JSON.createParser(text)) {
            parser = p;
            return readHeader();
        } catch (JacksonException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            throw new ModelFileException(source, at < 0 ? "header" : "header character " + at,
                    "invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(source, "header", "cannot be parsed: " + e.getMessage(), e);
        }
    }

    private SafetensorsHeader readHeader() throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_OBJECT) throw at("the header must be a JSON object, found " + describe(token));
        Set<String> names = new HashSet<>();
        List<TensorInfo> tensors = new ArrayList<>();
        Map<String, String> metadata = Map.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = validUnicode(parser.currentName(), "name");
            if (!names.add(name)) throw at("duplicate " + (SafetensorsHeader.METADATA_KEY.equals(name) ? "" : "tensor name ") + quote(name));
            parser.nextToken();
            if (SafetensorsHeader.METADATA_KEY.equals(name)) {
                metadata = readMetadata();
            } else {
                tensors.add(readTensor(name));
            }
        }
        JsonToken after = parser.nextToken();
        if (after != null) throw at("unexpected " + describe(after) + " after the header object");
        return new SafetensorsHeader(inDataOrder(tensors), metadata);
    }

    private Map<String, String> readMetadata() throws IOException {
        String where = SafetensorsHeader.METADATA_KEY;
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw at(where + " must be an object of strings, found " + describe(parser.currentToken()));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = validUnicode(parser.currentName(), where + " key");
            if (metadata.containsKey(key)) throw at(where + ": duplicate key " + quote(key));
            JsonToken value = parser.nextToken();
            if (value != JsonToken.VALUE_STRING) throw at(where + "." + key + ": metadata values must be strings, found " + describe(value));
            metadata.put(key, validUnicode(parser.getText(), where + "." + key));
        }
        return metadata;
    }

    private TensorInfo readTensor(String name) throws IOException {
        String where = "tensor " + quote(name);
        String entry = where + " (header character " + parser.currentTokenLocation().getCharOffset() + ")";
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw at(where, "an entry must be an object with dtype, shape and data_offsets, found " + describe(parser.currentToken()));
        }
        String dtypeName = null;
        List<Long> dims = null;
        List<Long> offsets = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            if (!ENTRY_KEYS.contains(key)) throw at(where, "unknown key " + quote(key) + " (an entry has dtype, shape and data_offsets)");
            boolean seen = key.equals("dtype") ? dtypeName != null : key.equals("shape") ? dims != null : offsets != null;
            if (seen) throw at(where, "duplicate key " + quote(key));
            JsonToken value = parser.nextToken();
            switch (key) {
                case "dtype" -> {
                    if (value != JsonToken.VALUE_STRING) throw at(where, "dtype must be a string, found " + describe(value));
                    dtypeName = parser.getText();
                }
                case "shape" -> dims = readIntegers(where, "shape", MAX_RANK);
                default -> offsets = readIntegers(where, "data_offsets", 2);
            }
        }
        if (dtypeName == null || dims == null || offsets == null) {
            throw at(where, "missing " + (dtypeName == null ? "dtype" : dims == null ? "shape" : "data_offsets"));
        }
        Dtype dtype = Dtype.byName(dtypeName);
        if (dtype == null) throw new ModelFileException(source, entry, Dtype.unknownDtypeProblem(quote(dtypeName)));
        return checkedInfo(name, entry, dtype, dims, offsets);
    }

    private TensorInfo checkedInfo(String name, String where, Dtype dtype, List<Long> dims, List<Long> offsets) {
        if (offsets.size() != 2) throw new ModelFileException(source, where, "data_offsets must be [begin, end], found " + offsets.size() + " numbers");
        long begin = offsets.get(0);
        long end = offsets.get(1);
        String range = "data_offsets [" + begin + ", " + end + "]";
        if (end < begin) throw new ModelFileException(source, where, range + ": end is before begin");
        if (end > dataLength) {
            throw new ModelFileException(source, where, range + " reach past the data section, which has " + dataLength + " bytes");
        }
        long elements = 1;
        long bytes;
        try {
            for (long d : dims) elements = Math.multiplyExact(elements, d);
            bytes = Math.multiplyExact(elements, (long) dtype.byteSize());
        } catch (ArithmeticException overflow) {
            throw new ModelFileException(source, where, "shape " + dims + " has more elements than a 64-bit count can hold");
        }
        if (bytes != end - begin) {
            throw new ModelFileException(source, where, "shape " + dims + " of " + dtype + " needs " + bytes + " bytes but " + range
                    + " span " + (end - begin));
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            long d = dims.get(i);
            if (d > Integer.MAX_VALUE) throw new ModelFileException(source, where, "shape " + dims + ": dimension " + d + " is too large for a gradflow tensor");
            shape[i] = (int) d;
        }
        try {
            return new TensorInfo(name, dtype, Shape.of(shape), begin, end);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(source, where, "shape " + dims + " does not fit a gradflow tensor: " + e.getMessage());
        }
    }

    /** The current token must open an array of at most {@code maxCount} non-negative integers; reads it. */
    private List<Long> readIntegers(String where, String key, int maxCount) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) throw at(where, key + " must be an array of integers, found " + describe(parser.currentToken()));
        List<Long> out = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_NUMBER_INT) throw at(where, key + " must hold non-negative integers, found " + describe(token));
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) throw at(where, key + ": " + parser.getText() + " is too large");
            long v = parser.getLongValue();
            if (v < 0) throw at(where, key + ": " + v + " is negative");
            if (out.size() == maxCount) throw at(where, key + " has more than " + maxCount + " numbers");
            out.add(v);
        }
        return out;
    }

    /**
     * The entries sorted by offset (files may list them in any order, as the reference reader allows), checked to
     * tile [0, dataLength) exactly: no overlap, no gap, nothing left over at the end.
     */
    private List<TensorInfo> inDataOrder(List<TensorInfo> tensors) {
        List<TensorInfo> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long expected = 0;
        TensorInfo previous = null;
        for (TensorInfo t : sorted) {
            String range = "data_offsets [" + t.begin() + ", " + t.end() + "]";
            if (t.begin() < expected) {
                throw new ModelFileException(source, "tensor " + quote(t.name()), range + " overlap tensor " + quote(previous.name())
                        + " at [" + previous.begin() + ", " + previous.end() + "]");
            }
            if (t.begin() > expected) {
                throw new ModelFileException(source, "tensor " + quote(t.name()), range + " leave a hole of " + (t.begin() - expected)
                        + " bytes after " + (previous == null ? "the start of the data section" : "tensor " + quote(previous.name())));
            }
            expected = t.end();
            previous = t;
        }
        if (expected != dataLength) {
            throw new ModelFileException(source, null, "the tensors cover " + expected + " bytes of the data section but it has "
                    + dataLength + " (bytes at the end belong to no tensor)");
        }
        return sorted;
    }

    /** {@code text} unless an escape left half a surrogate pair in it (serde_json and Rust strings refuse that). */
    private String validUnicode(String text, String what) {
        int at = SafetensorsHeader.unpairedSurrogateAt(text);
        if (at >= 0) throw at(what + " " + quote(text) + " has an unpaired surrogate (U+" + Integer.toHexString(text.charAt(at)).toUpperCase(java.util.Locale.ROOT) + ")");
        return text;
    }

    private ModelFileException at(String problem) {
        return new ModelFileException(source, "header character " + parser.currentTokenLocation().getCharOffset(), problem);
    }

    private ModelFileException at(String where, String problem) {
        return new ModelFileException(source, where + " (header character " + parser.currentTokenLocation().getCharOffset() + ")", problem);
    }

    private static String describe(JsonToken token) {
        if (token == null) return "the end of the header";
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a non-integer number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    /** {@code 'name'}, shortened when long, so a hostile header cannot blow up the message. */
    static String quote(String name) {
        return "'" + (name.length() <= 80 ? name : name.substring(0, 60) + "…' (" + name.length() + " characters)") + "'";
    }
}
