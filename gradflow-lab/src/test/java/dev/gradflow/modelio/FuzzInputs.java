package dev.gradflow.modelio;

import dev.gradflow.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Inputs for the fuzz tests, all drawn from an explicit seeded generator: random valid tensor maps (and so valid
 * files), mutations of valid files at the JSON and at the byte level, and random JSON headers from a small grammar
 * biased towards the header's own vocabulary. Each mutation is recorded so a failure can say what was done.
 */
final class FuzzInputs {
    private static final String[] NAMES = {"0.weight", "0.bias", "1.running_mean", "1.num_batches_tracked", "3.branch.0.weight",
            "é", "a\"b", "", "__metadata", "x\ny", "😀"};
    private static final String[] FRAGMENTS = {"{", "}", "[", "]", ",", ":", "\"", "\"__metadata__\"", "\"dtype\"", "\"shape\"",
            "\"data_offsets\"", "\"F32\"", "\"F16\"", "\"BF16\"", "\"I64\"", "\"U8\"", "\"f32\"", "-1", "0", "4", "1.5", "1e3", "-0",
            "9223372036854775807", "18446744073709551616", "null", "true", "\"\\ud800\"", "\"\\u0000\"", " ", "{}", "[]",
            "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}", ",\"__metadata__\":{\"k\":\"v\"}"};
    private static final Dtype[] DTYPES = Dtype.values();

    private final RandomGenerator random;
    private final List<String> applied = new ArrayList<>();

    FuzzInputs(RandomGenerator random) {
        this.random = random;
    }

    /** What was done to make the last input, for failure messages. */
    String description() {
        return applied.isEmpty() ? "(unmutated)" : String.join("; ", applied);
    }

    /** 0 to 5 tensors of every dtype, rank 0 to 3, with special values among the floats. */
    Map<String, StoredTensor> tensors() {
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            String name = random.nextInt(3) == 0 ? "t" + i : NAMES[random.nextInt(NAMES.length)];
            Dtype dtype = DTYPES[random.nextInt(DTYPES.length)];
            int[] dims = new int[random.nextInt(4)];
            for (int d = 0; d < dims.length; d++) dims[d] = random.nextInt(5);
            Tensor values = Tensor.zeros(dims);
            float[] data = values.data();
            for (int j = 0; j < data.length; j++) data[j] = value(dtype);
            out.put(name, new StoredTensor(dtype, values));
        }
        return out;
    }

    Map<String, String> metadata() {
        Map<String, String> out = new LinkedHashMap<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) out.put(NAMES[random.nextInt(NAMES.length)], random.nextBoolean() ? "pt" : "input: 3\nlayers: [\"é\"]\n");
        return out;
    }

    private float value(Dtype dtype) {
        if (dtype == Dtype.I64 || dtype == Dtype.I32) return random.nextInt(-1000, 1000);
        return switch (random.nextInt(8)) {
            case 0 -> Float.NaN;
            case 1 -> random.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
            case 2 -> -0f;
            case 3 -> Float.intBitsToFloat(random.nextInt());
            default -> (float) random.nextGaussian();
        };
    }

    /** A valid file, from random tensors or from one of {@code seeds}. */
    byte[] validFile(List<byte[]> seeds) {
        applied.clear();
        if (random.nextInt(4) == 0) return seeds.get(random.nextInt(seeds.size())).clone();
        return SafetensorsWriter.toBytes(tensors(), metadata());
    }

    /** {@code valid} after 1 to 4 edits of its header JSON, its data or its raw bytes. */
    byte[] mutate(byte[] valid) {
        long n = ByteBuffer.wrap(valid, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] header = Arrays.copyOfRange(valid, 8, 8 + (int) n);
        byte[] data = Arrays.copyOfRange(valid, 8 + (int) n, valid.length);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(4)) {
                case 0 -> header = spliceJson(header);
                case 1 -> header = editNumber(header);
                case 2 -> data = resize(data);
                default -> {
                    byte[] file = SafetensorsFormatTest.concat(SafetensorsFormatTest.lengthPrefix(header.length), header, data);
                    return rawEdits(random.nextInt(3) == 0 ? withPrefix(file, n) : file);
                }
            }
        }
        return SafetensorsFormatTest.concat(SafetensorsFormatTest.lengthPrefix(header.length), header, data);
    }

    private byte[] withPrefix(byte[] file, long n) {
        applied.add("kept the old header length " + n);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
        return file;
    }

    private byte[] spliceJson(byte[] header) {
        int at = random.nextInt(header.length + 1);
        int removed = random.nextInt(Math.min(8, header.length - at) + 1);
        byte[] fragment = random.nextInt(10) == 0 ? new byte[] {(byte) (0x80 + random.nextInt(0x80))}
                : FRAGMENTS[random.nextInt(FRAGMENTS.length)].getBytes(StandardCharsets.UTF_8);
        applied.add("header[" + at + ", " + (at + removed) + ") := " + new String(fragment, StandardCharsets.UTF_8));
        return SafetensorsFormatTest.concat(Arrays.copyOfRange(header, 0, at), fragment, Arrays.copyOfRange(header, at + removed, header.length));
    }

    private byte[] editNumber(byte[] header) {
        List<Integer> digits = new ArrayList<>();
        for (int i = 0; i < header.length; i++) if (header[i] >= '0' && header[i] <= '9') digits.add(i);
        if (digits.isEmpty()) return spliceJson(header);
        int at = digits.get(random.nextInt(digits.size()));
        int end = at;
        while (end < header.length && header[end] >= '0' && header[end] <= '9') end++;
        String[] replacements = {"0", "1", "3", "4", "7", "8", "12", "65", "-1", "1.0", "2e1", "4294967296", "99999999999999999999"};
        String replacement = random.nextBoolean() ? replacements[random.nextInt(replacements.length)] : Integer.toString(random.nextInt(200));
        applied.add("number at header " + at + " := " + replacement);
        return SafetensorsFormatTest.concat(Arrays.copyOfRange(header, 0, at), replacement.getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOfRange(header, end, header.length));
    }

    private byte[] resize(byte[] data) {
        int length = Math.max(0, data.length + random.nextInt(-8, 9));
        applied.add("data resized " + data.length + " -> " + length);
        return Arrays.copyOf(data, length);
    }

    private byte[] rawEdits(byte[] file) {
        byte[] out = file;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (out.length == 0) continue;
                    int at = random.nextInt(out.length);
                    out[at] ^= (byte) (1 << random.nextInt(8));
                    applied.add("flipped a bit of byte " + at);
                }
                case 1 -> {
                    if (out.length == 0) continue;
                    int at = random.nextInt(out.length);
                    out[at] = (byte) random.nextInt(256);
                    applied.add("set byte " + at);
                }
                case 2 -> {
                    int length = random.nextInt(out.length + 1);
                    out = Arrays.copyOf(out, length);
                    applied.add("truncated to " + length);
                }
                case 3 -> {
                    byte[] extra = new byte[1 + random.nextInt(16)];
                    random.nextBytes(extra);
                    out = SafetensorsFormatTest.concat(out, extra);
                    applied.add("appended " + extra.length + " bytes");
                }
                default -> {
                    if (out.length < 8) continue;
                    long n = headerLength(out.length);
                    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
                    applied.add("header length := " + Long.toUnsignedString(n));
                }
            }
        }
        return out;
    }

    private long headerLength(int fileLength) {
        long[] choices = {0, 1, 2, fileLength - 8, fileLength - 7, fileLength, 99_999_999, 100_000_000, 100_000_001, 1L << 32,
                Long.MAX_VALUE, -1, Long.MIN_VALUE};
        return random.nextBoolean() ? choices[random.nextInt(choices.length)] : random.nextLong(Math.max(1, fileLength));
    }

    /** Random bytes, half of the time behind a length prefix that fits them. */
    byte[] randomBytes() {
        applied.clear();
        byte[] body = new byte[random.nextInt(120)];
        random.nextBytes(body);
        if (random.nextBoolean()) return body;
        applied.add("fitting length prefix");
        return SafetensorsFormatTest.concat(SafetensorsFormatTest.lengthPrefix(random.nextInt(body.length + 1)), body);
    }

    /** A random JSON header (mostly an object of tensor-like entries) with a data section whose size often fits. */
    byte[] randomHeaderFile() {
        applied.clear();
        StringBuilder json = new StringBuilder("{");
        int entries = random.nextInt(5);
        long offset = 0;
        for (int i = 0; i < entries; i++) {
            if (i > 0) json.append(',');
            if (random.nextInt(6) == 0) {
                json.append("\"__metadata__\":").append(random.nextInt(3) == 0 ? value(2) : "{\"a\":\"b\"}");
                continue;
            }
            Dtype dtype = DTYPES[random.nextInt(DTYPES.length)];
            int[] dims = new int[random.nextInt(3)];
            long count = 1;
            for (int d = 0; d < dims.length; d++) {
                dims[d] = random.nextInt(4);
                count *= dims[d];
            }
            long begin = random.nextInt(8) == 0 ? random.nextInt(-2, 40) : offset;
            long end = random.nextInt(8) == 0 ? random.nextInt(-2, 40) : begin + count * dtype.byteSize();
            offset = end;
            json.append('"').append(random.nextInt(4) == 0 ? "w" : "t" + i).append("\":{");
            List<String> keys = new ArrayList<>(List.of(
                    "\"dtype\":" + (random.nextInt(10) == 0 ? value(2) : "\"" + dtype + "\""),
                    "\"shape\":" + (random.nextInt(10) == 0 ? value(2) : Arrays.toString(dims).replace(" ", "")),
                    "\"data_offsets\":" + (random.nextInt(10) == 0 ? value(2) : "[" + begin + "," + end + "]")));
            if (random.nextInt(10) == 0) keys.add("\"" + (random.nextBoolean() ? "dtype" : "extra") + "\":" + value(2));
            if (random.nextInt(10) == 0) keys.remove(random.nextInt(keys.size()));
            json.append(String.join(",", keys)).append('}');
        }
        json.append(random.nextInt(20) == 0 ? value(2) : "}");
        long dataLength = random.nextInt(4) == 0 ? random.nextInt(64) : Math.max(0, offset);
        applied.add("header " + json + " with " + dataLength + " data bytes");
        return SafetensorsFormatTest.file(json.toString(), new byte[(int) Math.min(dataLength, 1 << 16)]);
    }

    /** A random JSON value of at most {@code depth} levels. */
    private String value(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 6);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> Long.toString(random.nextLong(-5, 1L << 40));
            case 3 -> Double.toString(random.nextGaussian());
            case 4, 5 -> FRAGMENTS[random.nextInt(8, 17)];
            case 6 -> "[" + value(depth - 1) + "," + value(depth - 1) + "]";
            default -> "{\"k\":" + value(depth - 1) + "}";
        };
    }
}
