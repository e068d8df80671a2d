package dev.gradflow.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.modelio.Dtype;
import dev.gradflow.modelio.ModelWeights;
import dev.gradflow.modelio.SafetensorsContent;
import dev.gradflow.modelio.SafetensorsReader;
import dev.gradflow.nn.Sequential;
import dev.gradflow.optim.Optimizers;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.train.EarlyStoppingState;
import dev.gradflow.train.TrainingState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFilesTest {
    private static final Map<String, String> RUN = Map.of("spec", "input: 3\nlayers: [relu]\n", "data", "synthetic:linear?n=60");

    static void assertSameState(TrainingState want, TrainingState got) {
        assertEquals(want.position(), got.position());
        assertEquals(want.model().keySet(), got.model().keySet());
        want.model().forEach((name, t) -> {
            assertEquals(t.shape(), got.model().get(name).shape(), name);
            assertArrayEquals(t.data(), got.model().get(name).data(), name);
        });
        assertEquals(want.optimizer(), got.optimizer());
        assertEquals(want.parameterNames(), got.parameterNames());
        assertEquals(want.schedule(), got.schedule());
        assertEquals(want.dropout(), got.dropout());
        assertEquals(want.earlyStopping(), got.earlyStopping());
        assertEquals(want.skippedInARow(), got.skippedInARow());
    }

    @Test
    void everyOptimizersStateSurvivesTheFilesBitForBit(@TempDir Path dir) {
        for (String optimizer : Optimizers.NAMES) {
            for (TrainingState state : TrainingRuns.states(optimizer)) {
                Path target = dir.resolve(optimizer).resolve(CheckpointStore.name(state.position().step()));
                CheckpointWriter.write(target, state, RUN);
                Checkpoint read = CheckpointReader.read(target);
                assertSameState(state, read.state());
                assertEquals(RUN, read.run());
                assertEquals(target.toString(), read.location());
            }
        }
    }

    @Test
    void resumingFromTheFilesEndsWhereTheUninterruptedRunEnds(@TempDir Path dir) {
        TrainingRuns.Run whole = TrainingRuns.run("adam", null);
        whole.trainer().fit(TrainingRuns.DATA);
        CheckpointStore store = new CheckpointStore(dir, 10, RUN);
        TrainingRuns.run("adam", store).trainer().fit(TrainingRuns.DATA);
        for (Path checkpoint : CheckpointStore.checkpoints(dir).subList(0, 4)) {
            TrainingRuns.Run resumed = TrainingRuns.run("adam", null);
            resumed.trainer().resume(TrainingRuns.DATA, CheckpointReader.read(checkpoint).state());
            whole.model().stateDict().forEach((name, t) ->
                    assertArrayEquals(t.data(), resumed.model().stateDict().get(name).data(), checkpoint + ": " + name));
            assertEquals(whole.optimizer().state(), resumed.optimizer().state());
        }
    }

    @Test
    void theFilesAreWhatTheFormatSays(@TempDir Path dir) throws IOException {
        TrainingState state = TrainingRuns.states("adam").get(1);
        Path target = dir.resolve("step-000000010");
        CheckpointWriter.write(target, state, RUN);
        try (var entries = Files.list(target)) {
            assertEquals(List.of("checkpoint.json", "model.safetensors", "optimizer.safetensors"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // model.safetensors is a PyTorch state_dict that loads into the model.
        Sequential model = TrainingRuns.model();
        SafetensorsContent weights = ModelWeights.load(model, target.resolve("model.safetensors"));
        assertEquals(Dtype.I64, weights.tensors().get("1.num_batches_tracked").dtype());
        assertEquals("pt", weights.metadata().get("format"));
        assertArrayEquals(state.model().get("0.weight").data(), model.stateDict().get("0.weight").data());

        SafetensorsContent optimizer = SafetensorsReader.read(target.resolve("optimizer.safetensors"));
        assertEquals(List.of("0.bias.exp_avg", "0.bias.exp_avg_sq", "0.weight.exp_avg", "0.weight.exp_avg_sq", "1.bias.exp_avg",
                "1.bias.exp_avg_sq", "1.weight.exp_avg", "1.weight.exp_avg_sq", "4.bias.exp_avg", "4.bias.exp_avg_sq", "4.weight.exp_avg",
                "4.weight.exp_avg_sq"), optimizer.tensors().keySet().stream().sorted().toList());
        assertEquals(model.stateDict().get("0.weight").shape(), optimizer.tensors().get("0.weight.exp_avg").values().shape());

        String json = Files.readString(target.resolve("checkpoint.json"));
        for (String expected : List.of("\"format\" : \"gradflow-checkpoint\"", "\"version\" : 1", "\"step\" : 10",
                "\"batch_in_epoch\" : 4", "\"batches_per_epoch\" : 6", "\"training_rows\" : 48", "\"counts\" : \"steps\"", "\"index\" : 9",
                "\"name\" : \"adam\"", "\"name\" : \"0.weight\"", "\"masks_drawn\" : 10", "\"sha256\" : \"")) {
            assertTrue(json.contains(expected), expected + " in\n" + json);
        }
    }

    @Test
    void noBestValidationLossYetIsWrittenAsNull() {
        TrainingState state = TrainingRuns.states("sgd").getFirst();
        TrainingState fresh = new TrainingState(state.position(), state.model(), state.optimizer(), state.parameterNames(), state.schedule(),
                state.dropout(), EarlyStoppingState.INITIAL, 0);
        Map<String, byte[]> files = CheckpointWriter.toFiles(fresh, Map.of());
        assertTrue(new String(files.get("checkpoint.json"), StandardCharsets.UTF_8).contains("\"best_validation_loss\" : null"));
        assertEquals(EarlyStoppingState.INITIAL, CheckpointReader.read(files, "memory").state().earlyStopping());
    }

    @Test
    void aDamagedCheckpointIsRejectedNamingTheFileAndTheProblem(@TempDir Path dir) throws IOException {
        TrainingState state = TrainingRuns.states("adam").getFirst();
        Path target = dir.resolve("step-000000005");

        CheckpointWriter.write(target, state, RUN);
        byte[] model = Files.readAllBytes(target.resolve("model.safetensors"));
        model[model.length - 3] ^= 1;
        Files.write(target.resolve("model.safetensors"), model);
        assertMessage(target, "model.safetensors: SHA-256 differs from the one checkpoint.json records (corrupt or replaced)");

        Files.write(target.resolve("model.safetensors"), java.util.Arrays.copyOf(model, 100));
        assertMessage(target, "model.safetensors: 100 bytes, but checkpoint.json records " + model.length + " (truncated or replaced)");

        Files.delete(target.resolve("model.safetensors"));
        assertMessage(target, "model.safetensors is missing");

        Files.writeString(target.resolve("checkpoint.json"), "{\"format\": \"gradflow-checkpoint\", \"version\": 2}");
        assertMessage(target, "checkpoint.json: version: this gradflow reads checkpoint format version 1, the file has version 2");

        Files.writeString(target.resolve("checkpoint.json"), "{\"format\": ");
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(target));
        assertTrue(e.getMessage().startsWith(target + ": checkpoint.json: not valid JSON (line 1, column "), e.getMessage());

        Map<String, byte[]> files = new LinkedHashMap<>(CheckpointWriter.toFiles(state, RUN));
        String json = new String(files.get("checkpoint.json"), StandardCharsets.UTF_8).replace("\"step\" : 5,", "\"step\" : -5,");
        files.put("checkpoint.json", json.getBytes(StandardCharsets.UTF_8));
        CheckpointException negative = assertThrows(CheckpointException.class, () -> CheckpointReader.read(files, "memory"));
        assertEquals("memory: checkpoint.json: position.step: expected an integer >= 1, got -5", negative.getMessage());

        assertMessage(dir.resolve("nowhere"), "no such checkpoint directory");
    }

    private static void assertMessage(Path checkpoint, String problem) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(checkpoint));
        assertEquals(checkpoint + ": " + problem, e.getMessage());
    }

    @Test
    void theStoreKeepsTheLastKAndIgnoresWhatACrashLeftHalfWritten(@TempDir Path dir) throws IOException {
        Path stale = dir.resolve(".step-000000099.tmp-123e4567-e89b-12d3-a456-426614174000");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("checkpoint.json"), "{\"format\"");
        Path unrelated = dir.resolve("notes");
        Files.createDirectories(unrelated);

        CheckpointStore store = new CheckpointStore(dir, 2, RUN);
        assertFalse(Files.exists(stale), "a crash's leftover is cleared when the store opens");
        assertTrue(CheckpointStore.latest(dir).isEmpty());
        TrainingRuns.run("adam", store).trainer().fit(TrainingRuns.DATA);

        assertEquals(List.of("step-000000020", "step-000000024"), CheckpointStore.checkpoints(dir).stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(dir.resolve("step-000000024"), CheckpointStore.latest(dir).orElseThrow());
        assertTrue(Files.isDirectory(unrelated), "other entries are left alone");

        // A half-written checkpoint of a later step does not count.
        Files.createDirectories(dir.resolve(".step-000000030.tmp-123e4567-e89b-12d3-a456-426614174001"));
        assertEquals(dir.resolve("step-000000024"), CheckpointStore.latest(dir).orElseThrow());
        assertEquals(24, CheckpointReader.read(CheckpointStore.latest(dir).orElseThrow()).step());
    }

    @Test
    void rewritingACheckpointReplacesIt(@TempDir Path dir) {
        List<TrainingState> states = TrainingRuns.states("adam");
        Path target = dir.resolve("step-000000005");
        CheckpointWriter.write(target, states.get(0), RUN);
        CheckpointWriter.write(target, states.get(1), Map.of());
        assertSameState(states.get(1), CheckpointReader.read(target).state());
        try (var entries = Files.list(dir)) {
            assertEquals(List.of("step-000000005"), entries.map(p -> p.getFileName().toString()).toList(), "no temporary left behind");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTensorWithoutItsParameterIsRejected() {
        TrainingState state = TrainingRuns.states("adam").getFirst();
        Map<String, byte[]> files = new LinkedHashMap<>(CheckpointWriter.toFiles(state, RUN));
        Map<String, dev.gradflow.modelio.StoredTensor> extra = new LinkedHashMap<>(SafetensorsReader.read(files.get("optimizer.safetensors"), "o").tensors());
        extra.put("9.weight.exp_avg", dev.gradflow.modelio.StoredTensor.f32(Tensor.zeros(2)));
        byte[] optimizer = dev.gradflow.modelio.SafetensorsWriter.toBytes(extra, Map.of());
        files.put("optimizer.safetensors", optimizer);
        String json = new String(files.get("checkpoint.json"), StandardCharsets.UTF_8);
        json = json.replaceAll("(\"optimizer.safetensors\" : \\{\\s*\"bytes\" : )\\d+(,\\s*\"sha256\" : \")[0-9a-f]{64}",
                "$1" + optimizer.length + "$2" + CheckpointWriter.sha256(optimizer));
        files.put("checkpoint.json", json.getBytes(StandardCharsets.UTF_8));
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointReader.read(files, "memory"));
        assertEquals("memory: optimizer.safetensors: tensor '9.weight.exp_avg' is not <parameter>.<buffer> for a parameter listed in checkpoint.json",
                e.getMessage());
    }
}
