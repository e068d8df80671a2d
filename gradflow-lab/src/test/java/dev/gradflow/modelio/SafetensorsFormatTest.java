package dev.gradflow.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's bytes against the reference implementation's own test vectors, and round trips through the reader. */
class SafetensorsFormatTest {

    /** huggingface/safetensors tensor.rs test_serialization_forced_alignement: one F32 [1, 1, 2, 3] tensor "attn0". */
    @Test
    void writesTheReferenceBytesForOneTensor() {
        Tensor attn = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 1, 2, 3);
        byte[] bytes = SafetensorsWriter.toBytes(Map.of("attn0", StoredTensor.f32(attn)), Map.of());
        String header = "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}" + " ".repeat(7);
        int[] data = {0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64};
        assertArrayEquals(concat(lengthPrefix(72), ascii(header), unsigned(data)), bytes);
    }

    /** tensor.rs test_empty: no tensors, without and with metadata {"framework": "pt"}. */
    @Test
    void writesTheReferenceBytesForAnEmptyFile() {
        assertArrayEquals(concat(lengthPrefix(8), ascii("{}      ")), SafetensorsWriter.toBytes(Map.of(), Map.of()));
        assertArrayEquals(concat(lengthPrefix(40), ascii("{\"__metadata__\":{\"framework\":\"pt\"}}     ")),
                SafetensorsWriter.toBytes(Map.of(), Map.of("framework", "pt")));
        SafetensorsContent read = SafetensorsReader.read(SafetensorsWriter.toBytes(Map.of(), Map.of("framework", "pt")), "empty");
        assertTrue(read.tensors().isEmpty());
        assertEquals(Map.of("framework", "pt"), read.metadata());
    }

    /** serde_json escapes only the quote, the backslash and control characters (lower-case hex), nothing else. */
    @Test
    void escapesNamesAsSerdeJsonDoes() {
        String name = "a\u0001\u001f\n\t\"\\/é😀\u007f\u2028";
        byte[] bytes = SafetensorsWriter.toBytes(Map.of(name, StoredTensor.f32(Tensor.scalar(1f))), Map.of());
        String expected = "{\"a\\u0001\\u001f\\n\\t\\\"\\\\/é😀\u007f\u2028\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}";
        String header = new String(bytes, 8, bytes.length - 12, StandardCharsets.UTF_8);
        assertEquals(expected, header.stripTrailing());
        assertEquals(name, SafetensorsReader.read(bytes, "escapes").tensors().keySet().iterator().next());
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.toBytes(Map.of("half\ud800", StoredTensor.f32(Tensor.scalar(1f))), Map.of()));
    }

    @Test
    void laysTensorsOutByDescendingAlignmentThenName() {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        tensors.put("b", StoredTensor.f32(Tensor.vector(1f)));
        tensors.put("a", StoredTensor.f32(Tensor.vector(2f, 3f)));
        tensors.put("half", new StoredTensor(Dtype.F16, Tensor.vector(0.5f)));
        tensors.put("count", new StoredTensor(Dtype.I64, Tensor.scalar(3f)));
        tensors.put("10", StoredTensor.f32(Tensor.vector(4f)));
        tensors.put("é", new StoredTensor(Dtype.F64, Tensor.vector(5f)));
        tensors.put("index", new StoredTensor(Dtype.I32, Tensor.vector(6f)));
        tensors.put("brain", new StoredTensor(Dtype.BF16, Tensor.vector(7f)));
        List<TensorInfo> layout = SafetensorsWriter.layout(tensors, Map.of()).tensors();
        assertEquals(List.of("count", "é", "10", "a", "b", "index", "brain", "half"), layout.stream().map(TensorInfo::name).toList());
        assertEquals(List.of(0L, 8L, 16L, 20L, 28L, 32L, 36L, 38L), layout.stream().map(TensorInfo::begin).toList());
        assertEquals(40L, layout.getLast().end());
    }

    @Test
    void roundTripsEveryDtype() {
        float[] values = {0f, -0f, 1.5f, -2.25f, 65504f, 1e-3f, Float.POSITIVE_INFINITY, Float.NaN};
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        for (Dtype d : List.of(Dtype.F32, Dtype.F64, Dtype.F16, Dtype.BF16)) {
            tensors.put(d.name(), new StoredTensor(d, Tensor.of(values.clone(), 2, 4)));
        }
        tensors.put("I64", new StoredTensor(Dtype.I64, Tensor.of(new float[] {-3f, 0f, 16777216f, 0x1p40f}, 4)));
        tensors.put("I32", new StoredTensor(Dtype.I32, Tensor.of(new float[] {-2147483648f, 7f}, 2, 1)));
        SafetensorsContent read = SafetensorsReader.read(SafetensorsWriter.toBytes(tensors, Map.of("k", "v")), "all-dtypes");
        assertEquals(tensors.keySet(), read.tensors().keySet());
        for (var e : tensors.entrySet()) {
            StoredTensor expected = e.getValue();
            StoredTensor actual = read.tensors().get(e.getKey());
            assertEquals(expected.dtype(), actual.dtype(), e.getKey());
            assertEquals(expected.values().shape(), actual.values().shape(), e.getKey());
            float[] want = expected.values().data();
            for (int i = 0; i < want.length; i++) {
                assertEquals(Float.floatToIntBits(rounded(expected.dtype(), want[i])), Float.floatToIntBits(actual.values().data()[i]),
                        e.getKey() + "[" + i + "]");
            }
        }
        // 1e-3 is not exact in the 16-bit types; the rounding is the documented one.
        assertEquals(Float.float16ToFloat(Float.floatToFloat16(1e-3f)), read.tensors().get("F16").values().data()[5]);
        assertEquals(0.00099945068359375f, read.tensors().get("BF16").values().data()[5]);
    }

    /** What a value becomes after a trip through {@code dtype}, computed independently of the writer's code. */
    static float rounded(Dtype dtype, float v) {
        return switch (dtype) {
            case F32, F64, I64, I32 -> v;
            case F16 -> Float.float16ToFloat(Float.floatToFloat16(v));
            case BF16 -> Float.isNaN(v) ? Float.NaN : bfloat16(v);
        };
    }

    /** Round to 8 significant bits, half to even, by bit arithmetic on the float's fields. */
    private static float bfloat16(float v) {
        if (Float.isInfinite(v) || v == 0) return v;
        int bits = Float.floatToRawIntBits(v);
        int lower = bits & 0xFFFF;
        int upper = bits >>> 16;
        boolean roundUp = lower > 0x8000 || (lower == 0x8000 && (upper & 1) == 1);
        return Float.intBitsToFloat((upper + (roundUp ? 1 : 0)) << 16);
    }

    @Test
    void bfloat16RoundsHalfToEvenAndKeepsNanQuiet() {
        assertEquals((short) 0x3F80, Dtype.toBfloat16(1f));
        assertEquals((short) 0x3F80, Dtype.toBfloat16(Float.intBitsToFloat(0x3F808000))); // tie, even stays
        assertEquals((short) 0x3F82, Dtype.toBfloat16(Float.intBitsToFloat(0x3F818000))); // tie, odd rounds up
        assertEquals((short) 0x3F81, Dtype.toBfloat16(Float.intBitsToFloat(0x3F808001)));
        assertEquals((short) 0x7F80, Dtype.toBfloat16(Float.MAX_VALUE)); // rounds to +inf
        assertEquals((short) 0x7FC0, Dtype.toBfloat16(Float.intBitsToFloat(0x7F800001))); // signalling NaN → quiet
    }

    @Test
    void integerDtypesRefuseFractionsAndOutOfRangeValues() {
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.toBytes(
                Map.of("steps", new StoredTensor(Dtype.I64, Tensor.vector(1f, 2.5f))), Map.of()));
        assertTrue(half.getMessage().contains("tensor 'steps': dtype I64 needs whole numbers") && half.getMessage().contains("element 1 is 2.5"),
                half.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.toBytes(
                Map.of("big", new StoredTensor(Dtype.I32, Tensor.vector(0x1p31f))), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.toBytes(
                Map.of("nan", new StoredTensor(Dtype.I64, Tensor.vector(Float.NaN))), Map.of()));
    }

    @Test
    void readsEntriesListedOutOfDataOrder() {
        String header = "{\"second\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"__metadata__\":{\"a\":\"b\"},\"first\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}";
        byte[] bytes = file(header, floats(1f, 2f));
        SafetensorsContent read = SafetensorsReader.read(bytes, "unordered");
        assertEquals(List.of("first", "second"), List.copyOf(read.tensors().keySet()));
        assertEquals(Shape.scalar(), read.tensors().get("first").values().shape());
        assertEquals(2f, read.tensors().get("second").values().data()[0]);
    }

    @Test
    void acceptsEmptyTensorsAndUnpaddedHeaders() {
        String header = "{\"empty\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[0,0]},"
                + "\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        SafetensorsContent read = SafetensorsReader.read(file(header, floats(9f)), "empty-tensor");
        assertEquals(Shape.of(0, 3), read.tensors().get("empty").values().shape());
        assertEquals(9f, read.tensors().get("x").values().data()[0]);
    }

    @Test
    void writesAtomicallyAndReplacesTheOldFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("w.safetensors");
        SafetensorsWriter.writeFloat32(file, Map.of("w", Tensor.vector(1f, 2f)), Map.of());
        SafetensorsWriter.writeFloat32(file, Map.of("w", Tensor.vector(3f)), Map.of("v", "2"));
        SafetensorsContent read = SafetensorsReader.read(file);
        assertArrayEquals(new float[] {3f}, read.tensors().get("w").values().data());
        assertEquals(List.of(file), listing(dir));
        assertTrue(Files.isReadable(file));

        // A write that fails part-way (a fraction in an I64 tensor) leaves the old file whole and no temporary file.
        byte[] before = Files.readAllBytes(file);
        Map<String, StoredTensor> bad = new LinkedHashMap<>();
        bad.put("a", StoredTensor.f32(Tensor.zeros(1000)));
        bad.put("n", new StoredTensor(Dtype.I64, Tensor.vector(0.5f)));
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.write(file, bad, Map.of()));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listing(dir));
    }

    @Test
    void readsOnlyTheHeaderWhenAsked(@TempDir Path dir) {
        Path file = dir.resolve("h.safetensors");
        SafetensorsWriter.writeFloat32(file, Map.of("w", Tensor.zeros(3, 2)), Map.of("spec", "input: 2"));
        SafetensorsHeader header = SafetensorsReader.readHeader(file);
        assertEquals(List.of(new TensorInfo("w", Dtype.F32, Shape.of(3, 2), 0, 24)), header.tensors());
        assertEquals(Map.of("spec", "input: 2"), header.metadata());
    }

    @Test
    void refusesTensorsTheFormatCannotName() {
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.toBytes(
                Map.of(SafetensorsHeader.METADATA_KEY, StoredTensor.f32(Tensor.vector(1f))), Map.of()));
    }

    // ------------------------------------------------------------------ helpers shared by the modelio tests

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** A file: the length prefix of {@code header}, the header as UTF-8 (unpadded), then {@code data}. */
    static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return concat(lengthPrefix(h.length), h, data);
    }

    static byte[] lengthPrefix(long n) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array();
    }

    static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return b.array();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] unsigned(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) b.put(p);
        return b.array();
    }
}
