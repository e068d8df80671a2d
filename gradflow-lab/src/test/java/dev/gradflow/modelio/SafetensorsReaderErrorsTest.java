package dev.gradflow.modelio;

import static dev.gradflow.modelio.SafetensorsFormatTest.concat;
import static dev.gradflow.modelio.SafetensorsFormatTest.file;
import static dev.gradflow.modelio.SafetensorsFormatTest.floats;
import static dev.gradflow.modelio.SafetensorsFormatTest.lengthPrefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gets a ModelFileException naming the file and the tensor or position. */
class SafetensorsReaderErrorsTest {

    private static ModelFileException rejected(byte[] bytes) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> SafetensorsReader.read(bytes, "bad.safetensors"));
        assertTrue(e.getMessage().startsWith("bad.safetensors: "), e.getMessage());
        assertEquals("bad.safetensors", e.source());
        return e;
    }

    private static void assertMessage(ModelFileException e, String... parts) {
        for (String part : parts) assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
    }

    private static String entry(String name, String dtype, String shape, String offsets) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
    }

    @Test
    void fileShorterThanTheLengthPrefix() {
        assertMessage(rejected(new byte[5]), "the file has 5 bytes, fewer than the 8");
        assertMessage(rejected(new byte[0]), "the file has 0 bytes");
    }

    @Test
    void headerLengthBeyondTheFileOrTheLimit() {
        assertMessage(rejected(concat(lengthPrefix(100), "{}".getBytes(StandardCharsets.UTF_8))),
                "bytes 0-7: header length 100 is larger than the rest of the file (2 bytes)");
        assertMessage(rejected(concat(lengthPrefix(100_000_001), new byte[16])), "header length 100000001 exceeds the limit of 100000000");
        assertMessage(rejected(lengthPrefix(-1)), "header length 18446744073709551615 exceeds the limit");
    }

    /** The length is checked against the file before anything is allocated from it. */
    @Test
    void aLargeClaimedHeaderAllocatesNothingLarge() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] bytes = concat(lengthPrefix(99_999_999), new byte[64]);
        rejected(bytes); // warm up the classes involved
        long before = threads.getCurrentThreadAllocatedBytes();
        rejected(bytes);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1_000_000, "rejecting a 72-byte file allocated " + allocated + " bytes");
    }

    @Test
    void invalidUtf8NamesItsPosition() {
        byte[] header = "{\"a?\":{}}".getBytes(StandardCharsets.UTF_8);
        header[3] = (byte) 0xC3; // a lead byte followed by '"' is malformed
        assertMessage(rejected(concat(lengthPrefix(header.length), header)), "header byte 3 (file byte 11)", "not valid UTF-8");
        byte[] surrogate = {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ':', '1', '}'}; // UTF-8-encoded U+D800
        assertMessage(rejected(concat(lengthPrefix(surrogate.length), surrogate)), "header byte 2", "not valid UTF-8");
    }

    @Test
    void unpairedSurrogateEscapes() {
        assertMessage(rejected(file("{\"w\\ud800\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", floats(1f))),
                "header character 9", "surrogate"); // Jackson itself refuses a broken pair in a field name
        assertMessage(rejected(file("{\"__metadata__\":{\"k\":\"\\udc00x\"}}", new byte[0])), "__metadata__.k", "unpaired surrogate (U+DC00)");
        SafetensorsContent paired = SafetensorsReader.read(file("{\"__metadata__\":{\"k\":\"\\ud83d\\ude00\"}}", new byte[0]), "ok");
        assertEquals("😀", paired.metadata().get("k"));
    }

    @Test
    void invalidJson() {
        assertMessage(rejected(file("{\"a\":", new byte[0])), "invalid JSON");
        assertMessage(rejected(file("{\"a\":{\"dtype\":'F32'}}", new byte[0])), "header character", "invalid JSON");
        assertMessage(rejected(file("{} {}", new byte[0])), "unexpected an object after the header object");
        assertMessage(rejected(file("{}x", new byte[0])), "invalid JSON");
        assertMessage(rejected(file("", new byte[0])), "the header must be a JSON object, found the end of the header");
    }

    @Test
    void headerNotAnObject() {
        assertMessage(rejected(file("[1, 2]", new byte[0])), "header character 0", "the header must be a JSON object, found an array");
        assertMessage(rejected(file("\"x\"   ", new byte[0])), "found a string");
        assertMessage(rejected(file("{\"w\": [0, 4]}", floats(1f))), "tensor 'w'", "must be an object with dtype, shape and data_offsets");
    }

    @Test
    void unknownOrUnsupportedDtype() {
        assertMessage(rejected(file("{" + entry("w", "F33", "[1]", "[0,4]") + "}", floats(1f))),
                "tensor 'w' (header character 5): unknown dtype 'F33' (gradflow reads F32, F64, F16, BF16, I64 and I32)");
        assertMessage(rejected(file("{" + entry("mask", "BOOL", "[4]", "[0,4]") + "}", new byte[4])),
                "tensor 'mask' (header character 8): dtype BOOL is not supported");
        assertMessage(rejected(file("{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1f))), "dtype must be a string");
    }

    @Test
    void longNamesAreShortenedInMessages() {
        String name = "n".repeat(10_000);
        ModelFileException e = rejected(file("{" + entry(name, "F32", "[2]", "[0,4]") + "}", new byte[4]));
        assertMessage(e, "tensor '" + "n".repeat(60) + "…' (10000 characters)'");
        assertTrue(e.getMessage().length() < 400, e.getMessage());
    }

    @Test
    void shapeAndOffsetsOfDifferentSizes() {
        assertMessage(rejected(file("{" + entry("0.weight", "F32", "[4,3]", "[0,40]") + "}", new byte[40])),
                "tensor '0.weight' (header character 12): shape [4, 3] of F32 needs 48 bytes but data_offsets [0, 40] span 40");
        assertMessage(rejected(file("{" + entry("h", "F16", "[3]", "[0,4]") + "}", new byte[4])), "needs 6 bytes");
        assertMessage(rejected(file("{" + entry("o", "F32", "[4294967296,4294967296,4294967296]", "[0,4]") + "}", new byte[4])),
                "tensor 'o'", "more elements than a 64-bit count can hold");
        assertMessage(rejected(file("{" + entry("big", "F32", "[3000000000]", "[0,4]") + "}", new byte[4])), "needs 12000000000 bytes");
    }

    @Test
    void offsetsOutOfRange() {
        assertMessage(rejected(file("{" + entry("w", "F32", "[2]", "[0,8]") + "}", new byte[4])),
                "tensor 'w'", "data_offsets [0, 8] reach past the data section, which has 4 bytes");
        assertMessage(rejected(file("{" + entry("w", "F32", "[1]", "[8,4]") + "}", new byte[8])), "end is before begin");
        assertMessage(rejected(file("{" + entry("w", "F32", "[1]", "[0,4,8]") + "}", new byte[8])), "data_offsets has more than 2 numbers");
        assertMessage(rejected(file("{" + entry("w", "F32", "[1]", "[0]") + "}", new byte[8])), "data_offsets must be [begin, end], found 1");
    }

    @Test
    void overlappingOffsets() {
        String h = "{" + entry("a", "F32", "[2]", "[0,8]") + "," + entry("b", "F32", "[1]", "[4,8]") + "}";
        assertMessage(rejected(file(h, new byte[8])), "tensor 'b'", "data_offsets [4, 8] overlap tensor 'a' at [0, 8]");
        String same = "{" + entry("a", "F32", "[1]", "[0,4]") + "," + entry("b", "F32", "[1]", "[0,4]") + "}";
        assertMessage(rejected(file(same, new byte[4])), "overlap tensor 'a'");
    }

    @Test
    void holesAndUncoveredBytes() {
        String hole = "{" + entry("a", "F32", "[1]", "[0,4]") + "," + entry("b", "F32", "[1]", "[8,12]") + "}";
        assertMessage(rejected(file(hole, new byte[12])), "tensor 'b'", "leave a hole of 4 bytes after tensor 'a'");
        String late = "{" + entry("a", "F32", "[1]", "[4,8]") + "}";
        assertMessage(rejected(file(late, new byte[8])), "hole of 4 bytes after the start of the data section");
        String tail = "{" + entry("a", "F32", "[1]", "[0,4]") + "}";
        assertMessage(rejected(file(tail, new byte[6])), "the tensors cover 4 bytes of the data section but it has 6");
        assertMessage(rejected(file("{}", new byte[1])), "cover 0 bytes");
    }

    @Test
    void negativeNonIntegerOrHugeNumbers() {
        assertMessage(rejected(file("{" + entry("n", "F32", "[-1]", "[0,4]") + "}", new byte[4])), "tensor 'n'", "shape: -1 is negative");
        assertMessage(rejected(file("{" + entry("n", "F32", "[1]", "[-4,0]") + "}", new byte[4])), "data_offsets: -4 is negative");
        assertMessage(rejected(file("{" + entry("f", "F32", "[1.0]", "[0,4]") + "}", new byte[4])), "shape must hold non-negative integers, found a non-integer number");
        assertMessage(rejected(file("{" + entry("f", "F32", "[1]", "[0,4e0]") + "}", new byte[4])), "found a non-integer number");
        assertMessage(rejected(file("{" + entry("s", "F32", "[\"1\"]", "[0,4]") + "}", new byte[4])), "found a string");
        assertMessage(rejected(file("{" + entry("b", "F32", "[1]", "[0,18446744073709551616]") + "}", new byte[4])),
                "data_offsets: 18446744073709551616 is too large");
        assertMessage(rejected(file("{" + entry("s", "F32", "7", "[0,4]") + "}", new byte[4])), "shape must be an array of integers, found an integer");
        assertMessage(rejected(file("{" + entry("r", "F32", "[" + "1,".repeat(64) + "1]", "[0,4]") + "}", new byte[4])), "shape has more than 64 numbers");
    }

    @Test
    void duplicateNamesAndKeys() {
        String h = "{" + entry("w", "F32", "[1]", "[0,4]") + "," + entry("w", "F32", "[1]", "[4,8]") + "}";
        assertMessage(rejected(file(h, new byte[8])), "duplicate tensor name 'w'");
        assertMessage(rejected(file("{\"__metadata__\":{},\"__metadata__\":{}}", new byte[0])), "duplicate '__metadata__'");
        assertMessage(rejected(file("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", new byte[0])), "__metadata__: duplicate key 'a'");
        assertMessage(rejected(file("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4])),
                "tensor 'w'", "duplicate key 'dtype'");
    }

    @Test
    void entriesWithMissingOrUnknownKeys() {
        assertMessage(rejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4])), "tensor 'w'", "missing data_offsets");
        assertMessage(rejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"offsets\":[0,4]}}", new byte[4])),
                "tensor 'w'", "unknown key 'offsets'");
    }

    @Test
    void metadataValuesMustBeStrings() {
        assertMessage(rejected(file("{\"__metadata__\":{\"epoch\":3}}", new byte[0])), "__metadata__.epoch: metadata values must be strings, found an integer");
        assertMessage(rejected(file("{\"__metadata__\":{\"x\":null}}", new byte[0])), "found null");
        assertMessage(rejected(file("{\"__metadata__\":[\"a\"]}", new byte[0])), "__metadata__ must be an object of strings, found an array");
    }

    @Test
    void tooDeeplyNestedJsonIsRejectedEarly() {
        assertMessage(rejected(file("{\"a\":" + "[".repeat(10_000), new byte[0])), "tensor 'a'");
        assertMessage(rejected(file("{\"__metadata__\":{\"a\":" + "{\"b\":".repeat(10_000), new byte[0])), "found an object");
    }

    @Test
    void missingAndUnreadableFilesAreNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nothing.safetensors");
        ModelFileException e = assertThrows(ModelFileException.class, () -> SafetensorsReader.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        ModelFileException directory = assertThrows(ModelFileException.class, () -> SafetensorsReader.read(dir));
        assertTrue(directory.getMessage().startsWith(dir + ": cannot be read"), directory.getMessage());
        Path truncated = dir.resolve("t.safetensors");
        Files.write(truncated, new byte[3]);
        assertThrows(ModelFileException.class, () -> SafetensorsReader.read(truncated));
    }
}
