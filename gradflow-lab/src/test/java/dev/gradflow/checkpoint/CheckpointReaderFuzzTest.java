package dev.gradflow.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradflow.modelio.Dtype;
import dev.gradflow.modelio.SafetensorsReader;
import dev.gradflow.modelio.SafetensorsWriter;
import dev.gradflow.modelio.StoredTensor;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.testing.Mutator;
import dev.gradflow.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz tests of {@link CheckpointReader}: a few thousand mutated checkpoints, each from its own seed — text, byte
 * and structure edits of checkpoint.json; byte and content edits of the tensor files with their digests updated
 * (so the edits get past the SHA-256 check into the safetensors reader and the optimizer's assembly); missing and
 * unexpected files. Every input is either read — and then written and read back unchanged — or rejected with a
 * {@link CheckpointException} naming the checkpoint: no other exception, no OutOfMemoryError, no hang.
 */
class CheckpointReaderFuzzTest {
    private static final long BASE_SEED = 0xC4E_C000L;
    private static final String SOURCE = "fuzz-checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Map<String, byte[]>> VALID = valid();
    private static final String[] JSON_VOCABULARY = {"\"", ":", ",", "{", "}", "[", "]", "null", "true", "false", "-1", "0", "1", "-0",
            "1e309", "-1e309", "1.5", "9223372036854775807", "9223372036854775808", "2147483648", "\"x\"", "\"\"", "\"steps\"",
            "\"epochs\"", "\"adam\"", "\"sgd\"", "\"step\"", "\"epoch\"", "\"position\"", "\"optimizer\"", "\"parameters\"", "\"name\"",
            "\"dropout\"", "\"files\"", "\"sha256\"", "\"bytes\"", "\"model.safetensors\"", "\"optimizer.safetensors\"", "\"run\"",
            "\"0.weight\"", "\"#0\"", "\"\\u0000\"", "\"\\ud800\"", " ", "\n", "/*", "//", "NaN", "Infinity", "{}", "[]"};
    private static final JsonNode[] JSON_VALUES = {JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.numberNode(-1),
            JsonNodeFactory.instance.numberNode(0), JsonNodeFactory.instance.numberNode(1), JsonNodeFactory.instance.numberNode(3),
            JsonNodeFactory.instance.numberNode(Long.MAX_VALUE), JsonNodeFactory.instance.numberNode(Long.MIN_VALUE),
            JsonNodeFactory.instance.numberNode(1e300), JsonNodeFactory.instance.numberNode(-2.5),
            JsonNodeFactory.instance.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
            JsonNodeFactory.instance.textNode(""), JsonNodeFactory.instance.textNode("x"), JsonNodeFactory.instance.textNode("epochs"),
            JsonNodeFactory.instance.textNode("0.weight"), JsonNodeFactory.instance.textNode("a".repeat(64)),
            JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode()};

    private enum Outcome { READ, STATE_REJECTED, TENSORS_REJECTED }

    @TempDir
    Path dir;

    private static List<Map<String, byte[]>> valid() {
        List<Map<String, byte[]>> out = new ArrayList<>();
        for (String optimizer : List.of("adam", "sgd", "nadam")) {
            List<TrainingState> states = TrainingRuns.states(optimizer);
            out.add(CheckpointWriter.toFiles(states.getFirst(), Map.of("spec", "input: 3")));
            out.add(CheckpointWriter.toFiles(states.getLast(), Map.of()));
        }
        return out;
    }

    private Outcome readOrReject(Map<String, byte[]> files, long seed, Mutator mutator, boolean fromDirectory) {
        Checkpoint checkpoint;
        String source = SOURCE;
        try {
            if (fromDirectory) {
                Path checkpointDir = dir.resolve("step-" + seed);
                Files.createDirectories(checkpointDir);
                for (var e : files.entrySet()) Files.write(checkpointDir.resolve(e.getKey()), e.getValue());
                source = checkpointDir.toString();
                checkpoint = CheckpointReader.read(checkpointDir);
            } else {
                checkpoint = CheckpointReader.read(files, SOURCE);
            }
        } catch (CheckpointException e) {
            assertTrue(e.getMessage().startsWith(source + ": "), "seed " + seed + ": the message must name the checkpoint: " + e.getMessage());
            return e.getMessage().startsWith(source + ": checkpoint.json") ? Outcome.STATE_REJECTED : Outcome.TENSORS_REJECTED;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Throwable t) {
            return fail("seed " + seed + " (" + mutator.description() + "): " + t, t);
        }
        Checkpoint again = CheckpointReader.read(CheckpointWriter.toFiles(checkpoint.state(), checkpoint.run()), "again");
        CheckpointFilesTest.assertSameState(checkpoint.state(), again.state());
        assertEquals(checkpoint.run(), again.run(), "seed " + seed);
        return Outcome.READ;
    }

    @Test
    void mutatedCheckpointsAreReadOrRejectedCleanly() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
            int cases = 3000;
            for (int i = 0; i < cases; i++) {
                long seed = BASE_SEED + i;
                SplittableRandom random = new SplittableRandom(seed);
                Mutator mutator = new Mutator(random);
                Map<String, byte[]> files = new LinkedHashMap<>(VALID.get(random.nextInt(VALID.size())));
                switch (random.nextInt(8)) {
                    case 0 -> files.put(CheckpointWriter.STATE_FILE, mutator.mutateText(text(files), JSON_VOCABULARY, 3).getBytes(StandardCharsets.UTF_8));
                    case 1 -> files.put(CheckpointWriter.STATE_FILE, mutator.mutateBytes(files.get(CheckpointWriter.STATE_FILE), 3));
                    case 2, 3 -> files.put(CheckpointWriter.STATE_FILE, mutateStructure(files, random, mutator));
                    case 4 -> replaceTensorFile(files, random.nextBoolean() ? CheckpointWriter.MODEL_FILE : CheckpointWriter.OPTIMIZER_FILE,
                            mutator.mutateBytes(files.get(random.nextBoolean() ? CheckpointWriter.MODEL_FILE : CheckpointWriter.OPTIMIZER_FILE), 3), mutator);
                    case 5, 6 -> editTensors(files, random, mutator);
                    default -> {
                        String name = List.of(CheckpointWriter.STATE_FILE, CheckpointWriter.MODEL_FILE, CheckpointWriter.OPTIMIZER_FILE).get(random.nextInt(3));
                        files.remove(name);
                        mutator.note("remove " + name);
                    }
                }
                outcomes.merge(readOrReject(files, seed, mutator, i % 20 == 0), 1, Integer::sum);
            }
            for (Outcome o : Outcome.values()) assertTrue(outcomes.getOrDefault(o, 0) >= cases / 50, "too few ended as " + o + ": " + outcomes);
        });
    }

    @Test
    void randomBytesAreRejectedCleanly() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 500; i++) {
                long seed = BASE_SEED + 50_000 + i;
                Mutator mutator = new Mutator(new SplittableRandom(seed));
                Map<String, byte[]> files = new LinkedHashMap<>();
                files.put(CheckpointWriter.STATE_FILE, mutator.randomBytes(mutator.random().nextInt(200)));
                files.put(CheckpointWriter.MODEL_FILE, mutator.randomBytes(mutator.random().nextInt(200)));
                assertEquals(Outcome.STATE_REJECTED, readOrReject(files, seed, mutator, false));
            }
        });
    }

    private static String text(Map<String, byte[]> files) {
        return new String(files.get(CheckpointWriter.STATE_FILE), StandardCharsets.UTF_8);
    }

    /** checkpoint.json with 1 to 3 edits of its tree: a value of another type or range, a field removed or added. */
    private static byte[] mutateStructure(Map<String, byte[]> files, SplittableRandom random, Mutator mutator) throws IOException {
        JsonNode root = JSON.readTree(files.get(CheckpointWriter.STATE_FILE));
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode target = containers.get(random.nextInt(containers.size()));
            if (target instanceof ObjectNode object && !object.isEmpty()) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = names.get(random.nextInt(names.size()));
                switch (random.nextInt(3)) {
                    case 0 -> {
                        JsonNode value = JSON_VALUES[random.nextInt(JSON_VALUES.length)];
                        object.set(name, value);
                        mutator.note(name + " = " + value);
                    }
                    case 1 -> {
                        object.remove(name);
                        mutator.note("remove " + name);
                    }
                    default -> {
                        String added = random.nextBoolean() ? "x" + random.nextInt(3) : "3";
                        object.set(added, JSON_VALUES[random.nextInt(JSON_VALUES.length)]);
                        mutator.note("add " + added);
                    }
                }
            } else if (target instanceof ArrayNode array && !array.isEmpty()) {
                int at = random.nextInt(array.size());
                if (random.nextBoolean()) {
                    array.remove(at);
                    mutator.note("remove element " + at);
                } else {
                    array.insert(at, array.get(at).deepCopy());
                    mutator.note("repeat element " + at);
                }
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }

    /** A tensor file's tensors edited (one renamed, removed, reshaped, given another dtype, or added), digest updated. */
    private static void editTensors(Map<String, byte[]> files, SplittableRandom random, Mutator mutator) {
        String file = random.nextBoolean() ? CheckpointWriter.MODEL_FILE : CheckpointWriter.OPTIMIZER_FILE;
        Map<String, StoredTensor> tensors = new LinkedHashMap<>(SafetensorsReader.read(files.get(file), file).tensors());
        List<String> names = new ArrayList<>(tensors.keySet());
        String name = names.isEmpty() ? "0.weight.momentum_buffer" : names.get(random.nextInt(names.size()));
        StoredTensor t = tensors.getOrDefault(name, StoredTensor.f32(Tensor.zeros(3)));
        switch (names.isEmpty() ? 4 : random.nextInt(5)) {
            case 0 -> {
                String renamed = List.of("x", name + ".exp_avg", "0.weight", "#0.momentum_buffer", ".", name.substring(0, name.length() - 1))
                        .get(random.nextInt(6));
                tensors.remove(name);
                tensors.put(renamed, t);
                mutator.note(file + ": rename " + name + " to " + renamed);
            }
            case 1 -> {
                tensors.remove(name);
                mutator.note(file + ": remove " + name);
            }
            case 2 -> {
                tensors.put(name, new StoredTensor(t.dtype(), Tensor.of(t.values().data(), t.values().size())));
                mutator.note(file + ": flatten " + name);
            }
            case 3 -> {
                Dtype dtype = List.of(Dtype.F64, Dtype.F16, Dtype.BF16).get(random.nextInt(3));   // integer dtypes need whole numbers
                tensors.put(name, new StoredTensor(dtype, t.values()));
                mutator.note(file + ": " + name + " as " + dtype);
            }
            default -> {
                tensors.put(name + "x", StoredTensor.f32(Tensor.zeros(random.nextInt(4))));
                mutator.note(file + ": add " + name + "x");
            }
        }
        replaceTensorFile(files, file, SafetensorsWriter.toBytes(tensors, Map.of()), mutator);
    }

    /** Puts {@code bytes} in place of a tensor file and records their size and SHA-256 in checkpoint.json. */
    private static void replaceTensorFile(Map<String, byte[]> files, String file, byte[] bytes, Mutator mutator) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(files.get(CheckpointWriter.STATE_FILE));
            ((ObjectNode) root.get("files").get(file)).put("bytes", bytes.length).put("sha256", CheckpointWriter.sha256(bytes));
            files.put(CheckpointWriter.STATE_FILE, JSON.writeValueAsBytes(root));
            files.put(file, bytes);
            mutator.note(file + " replaced, digest updated");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
