package dev.gradflow.modelio;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON header of a safetensors file: the tensor entries in data order and the {@code __metadata__} map.
 *
 * <p>Written as the reference implementation (huggingface/safetensors, {@code serialize}) writes it: compact JSON
 * (no spaces), {@code __metadata__} first when there is any, then one entry per tensor in data order, each with the
 * keys {@code dtype}, {@code shape}, {@code data_offsets} in that order; strings escaped as serde_json escapes
 * them (only the quote, the backslash and control characters; non-ASCII as raw UTF-8); padded with spaces to a
 * multiple of 8 bytes. Metadata keys are sorted (by their UTF-8 bytes) so equal content gives equal bytes. Names and
 * metadata must be valid Unicode (no unpaired surrogate), as JSON text and Rust strings require.
 */
public record SafetensorsHeader(List<TensorInfo> tensors, Map<String, String> metadata) {
    /** The key of the metadata entry. */
    public static final String METADATA_KEY = "__metadata__";
    /** The largest header readers accept (the reference implementation's MAX_HEADER_SIZE). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The header length is padded to a multiple of this. */
    public static final int ALIGNMENT = 8;

    /** Escapes strings as serde_json does: lower-case hex digits in escapes, characters beyond U+FFFF as UTF-8. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .configure(JsonWriteFeature.WRITE_HEX_UPPER_CASE, false)
            .configure(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8, true)
            .build();

    public SafetensorsHeader {
        tensors = List.copyOf(tensors);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        Set<String> names = new HashSet<>();
        long expectedBegin = 0;
        for (TensorInfo t : tensors) {
            if (METADATA_KEY.equals(t.name())) throw new IllegalArgumentException("a tensor cannot be named " + METADATA_KEY);
            if (unpairedSurrogateAt(t.name()) >= 0) throw new IllegalArgumentException("tensor name '" + t.name() + "' is not valid Unicode");
            if (!names.add(t.name())) throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "'");
            if (t.begin() != expectedBegin) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' begins at " + t.begin() + ", not at " + expectedBegin
                        + ": tensors must be listed in data order without gaps");
            }
            expectedBegin = t.end();
        }
        metadata.forEach((key, value) -> {
            if (key == null || value == null) throw new IllegalArgumentException("metadata keys and values must not be null");
            if (unpairedSurrogateAt(key) >= 0 || unpairedSurrogateAt(value) >= 0) {
                throw new IllegalArgumentException("metadata entry '" + key + "' is not valid Unicode");
            }
        });
    }

    /** Bytes of the data section: the end of the last tensor (0 when there is none). */
    public long dataLength() {
        return tensors.isEmpty() ? 0 : tensors.getLast().end();
    }

    /** The header as UTF-8 JSON padded with spaces to a multiple of {@link #ALIGNMENT} bytes. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeFieldName(METADATA_KEY);
                g.writeStartObject();
                List<String> keys = new ArrayList<>(metadata.keySet());
                keys.sort(SafetensorsHeader::compareUtf8);
                for (String key : keys) g.writeStringField(key, metadata.get(key));
                g.writeEndObject();
            }
            for (TensorInfo t : tensors) {
                g.writeFieldName(t.name());
                g.writeStartObject();
                g.writeStringField("dtype", t.dtype().name());
                g.writeArrayFieldStart("shape");
                for (int d : t.shape().dims()) g.writeNumber(d);
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(t.begin());
                g.writeNumber(t.end());
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int length = out.size();
        int padded = (length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        byte[] bytes = Arrays.copyOf(out.toByteArray(), padded);
        Arrays.fill(bytes, length, padded, (byte) ' ');
        return bytes;
    }

    /**
     * Decodes and checks a header read from a file whose data section has {@code dataLength} bytes: strict UTF-8,
     * strict JSON (one object, no duplicate keys, nothing after it but whitespace), known dtypes, integer shapes
     * and offsets whose sizes agree, and offsets that tile the data section exactly. The entries are returned in
     * data order (the JSON may list them in any order).
     *
     * @throws ModelFileException naming {@code source} and the tensor or header position at fault
     */
    public static SafetensorsHeader parse(byte[] headerBytes, long dataLength, String source) {
        return new HeaderParser(decodeUtf8(headerBytes, source), dataLength, source).parse();
    }

    /** The index of the first surrogate char without its partner in {@code s}, or −1 when there is none. */
    static int unpairedSurrogateAt(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Orders strings by their UTF-8 bytes, as Rust orders {@code String}s. */
    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeUtf8(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            throw new ModelFileException(source, "header byte " + in.position() + " (file byte " + (in.position() + 8) + ")",
                    "the header is not valid UTF-8");
        }
        return out.flip().toString();
    }
}
