package dev.gradflow.modelio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz and property tests of the reader: about 2,000 random and mutated inputs, each drawn from its own seed
 * ({@code BASE_SEED + case}), so a failure names the seed and the edits that reproduce it. Every input must either
 * be read or be rejected with a ModelFileException naming the file: no other exception, no OutOfMemoryError, no
 * hang (the reader's loops are bounded by the input's size). Accepted files must keep the format's promise that
 * the tensors fill the data section exactly.
 */
class SafetensorsFuzzTest {
    private static final long BASE_SEED = 0x5AFE_7E45L;
    private static final String SOURCE = "fuzz.safetensors";

    /** Where the reader stopped an input. */
    private enum Outcome { ACCEPTED, LENGTH_PREFIX, ENCODING_OR_JSON, ENTRIES_OR_LAYOUT }

    private static List<byte[]> seeds() {
        return List.of(TestModels.resource("pytorch_mlp_f32.safetensors"), TestModels.resource("pytorch_mlp_bf16.safetensors"),
                TestModels.resource("pytorch_mixed.safetensors"), TestModels.resource("gradflow_saved_mlp.safetensors"));
    }

    private interface Reading {
        SafetensorsContent read() throws IOException;
    }

    private static Outcome readOrReject(byte[] bytes, String source, Reading reading, long seed, FuzzInputs inputs) {
        SafetensorsContent content;
        try {
            content = reading.read();
        } catch (ModelFileException e) {
            String m = e.getMessage();
            assertTrue(m.startsWith(source + ": "), "seed " + seed + ": the message must name the file: " + m);
            if (m.contains("bytes 0-7") || m.contains("fewer than the 8")) return Outcome.LENGTH_PREFIX;
            if (m.contains("tensor '") || m.contains("cover")) return Outcome.ENTRIES_OR_LAYOUT;
            return Outcome.ENCODING_OR_JSON;
        } catch (Throwable t) {
            return fail("seed " + seed + " (" + inputs.description() + "): " + t, t);
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        long covered = 0;
        for (StoredTensor t : content.tensors().values()) covered += (long) t.values().size() * t.dtype().byteSize();
        assertEquals(bytes.length - 8 - n, covered, "seed " + seed + " (" + inputs.description() + "): tensors must fill the data section");
        return Outcome.ACCEPTED;
    }

    @Test
    void mutatedValidFilesAreReadOrRejectedCleanly(@TempDir Path dir) throws IOException {
        List<byte[]> seeds = seeds();
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        int cases = 1000;
        for (int i = 0; i < cases; i++) {
            long seed = BASE_SEED + i;
            FuzzInputs inputs = new FuzzInputs(new SplittableRandom(seed));
            byte[] bytes = inputs.mutate(inputs.validFile(seeds));
            Outcome outcome;
            if (i % 10 == 0) { // through a real file too, which reads by position from a channel
                Path file = dir.resolve(SOURCE);
                Files.write(file, bytes);
                outcome = readOrReject(bytes, file.toString(), () -> SafetensorsReader.read(file), seed, inputs);
            } else {
                outcome = readOrReject(bytes, SOURCE, () -> SafetensorsReader.read(bytes, SOURCE), seed, inputs);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        // The mutations reach every layer of the reader, not just the first check.
        for (Outcome o : Outcome.values()) {
            assertTrue(outcomes.getOrDefault(o, 0) >= cases / 100, "too few inputs ended as " + o + ": " + outcomes);
        }
    }

    @Test
    void randomHeadersAreReadOrRejectedCleanly() {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        int cases = 500;
        for (int i = 0; i < cases; i++) {
            long seed = BASE_SEED + 10_000 + i;
            FuzzInputs inputs = new FuzzInputs(new SplittableRandom(seed));
            byte[] bytes = inputs.randomHeaderFile();
            outcomes.merge(readOrReject(bytes, SOURCE, () -> SafetensorsReader.read(bytes, SOURCE), seed, inputs), 1, Integer::sum);
        }
        assertTrue(outcomes.getOrDefault(Outcome.ACCEPTED, 0) >= cases / 20, "the grammar should give some valid headers: " + outcomes);
        assertTrue(outcomes.getOrDefault(Outcome.ENTRIES_OR_LAYOUT, 0) >= cases / 5, outcomes.toString());
    }

    @Test
    void randomBytesAreRejectedCleanly() {
        for (int i = 0; i < 250; i++) {
            long seed = BASE_SEED + 20_000 + i;
            FuzzInputs inputs = new FuzzInputs(new SplittableRandom(seed));
            byte[] bytes = inputs.randomBytes();
            readOrReject(bytes, SOURCE, () -> SafetensorsReader.read(bytes, SOURCE), seed, inputs);
        }
    }

    /** write then read gives back every tensor (after the dtype's rounding), every dtype and the metadata. */
    @Test
    void randomTensorMapsRoundTrip() {
        for (int i = 0; i < 250; i++) {
            long seed = BASE_SEED + 30_000 + i;
            FuzzInputs inputs = new FuzzInputs(new SplittableRandom(seed));
            Map<String, StoredTensor> tensors = inputs.tensors();
            Map<String, String> metadata = inputs.metadata();
            SafetensorsContent read = SafetensorsReader.read(SafetensorsWriter.toBytes(tensors, metadata), SOURCE);
            assertEquals(tensors.keySet(), read.tensors().keySet(), "seed " + seed);
            assertEquals(metadata, read.metadata(), "seed " + seed);
            tensors.forEach((name, expected) -> {
                StoredTensor actual = read.tensors().get(name);
                assertEquals(expected.dtype(), actual.dtype(), "seed " + seed + " " + name);
                assertEquals(expected.values().shape(), actual.values().shape(), "seed " + seed + " " + name);
                float[] want = expected.values().data();
                for (int j = 0; j < want.length; j++) {
                    assertEquals(Float.floatToIntBits(SafetensorsFormatTest.rounded(expected.dtype(), want[j])),
                            Float.floatToIntBits(actual.values().data()[j]), "seed " + seed + " " + name + "[" + j + "]");
                }
            });
        }
    }
}
