package dev.gradflow.modelio;

import static dev.gradflow.modelio.TestModels.assertBitExact;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.nn.Sequential;
import dev.gradflow.spec.ModelSpec;
import dev.gradflow.spec.SpecException;
import dev.gradflow.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two documented forms of a saved model: a directory (model.yaml + weights.safetensors) or one file. */
class SavedModelTest {
    private static final ModelSpec SPEC = ModelSpec.parse(TestModels.MLP_SPEC, "mlp.yaml");

    @Test
    void savesAndLoadsTheDirectoryForm(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("model");
        Sequential model = TestModels.smallMlp(new SplittableRandom(1));
        SavedModel.save(saved, SPEC, model);

        assertEquals(SPEC.toYaml(), Files.readString(saved.resolve(SavedModel.SPEC_FILE)));
        assertTrue(Files.isRegularFile(saved.resolve(SavedModel.WEIGHTS_FILE)));
        try (var files = Files.list(saved)) {
            assertEquals(2, files.count(), "no temporary files are left behind");
        }
        SavedModel loaded = SavedModel.load(saved);
        assertEquals(SPEC, loaded.spec());
        assertFalse(loaded.metadata().containsKey(ModelMetadata.SPEC), "model.yaml is the only spec in the directory form");
        assertEquals("pt", loaded.metadata().get(ModelMetadata.FORMAT));

        Sequential fresh = TestModels.smallMlp(new SplittableRandom(2));
        loaded.copyInto(fresh);
        model.stateDict().forEach((name, t) -> assertBitExact(t, fresh.stateDict().get(name), name));
        // Saving again replaces both files.
        SavedModel.save(saved, SPEC, fresh);
        assertEquals(SPEC, SavedModel.load(saved).spec());
    }

    @Test
    void modelYamlIsTheSpecOfRecordAndMayBeEdited(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("model");
        SavedModel.save(saved, SPEC, TestModels.smallMlp(new SplittableRandom(1)));
        Files.writeString(saved.resolve(SavedModel.SPEC_FILE), TestModels.MLP_SPEC.replace("loss: mse", "loss: l1"));
        assertEquals("l1", SavedModel.load(saved).spec().loss().name());
    }

    @Test
    void loadsTheSingleFileForm(@TempDir Path dir) {
        Path file = dir.resolve("mlp.safetensors");
        Sequential model = TestModels.smallMlp(new SplittableRandom(1));
        ModelWeights.save(model, SPEC, file);
        SavedModel loaded = SavedModel.load(file);
        assertEquals(SPEC, loaded.spec());
        model.stateDict().forEach((name, t) -> assertBitExact(t, loaded.weights().get(name), name));
    }

    @Test
    void aWeightsOnlyFileIsNotASavedModel(@TempDir Path dir) {
        Path file = dir.resolve("w.safetensors");
        ModelWeights.save(TestModels.smallMlp(new SplittableRandom(1)), null, file);
        ModelFileException e = assertThrows(ModelFileException.class, () -> SavedModel.load(file));
        assertTrue(e.getMessage().startsWith(file + ": __metadata__: no model spec (key 'spec')"), e.getMessage());
    }

    @Test
    void aBrokenSpecInTheMetadataNamesFileAndLine(@TempDir Path dir) {
        Path file = dir.resolve("bad.safetensors");
        SafetensorsWriter.writeFloat32(file, Map.of("0.weight", Tensor.zeros(4, 3)), Map.of("spec", "input: 3\nlayers:\n  - linaer: {out: 4}\n"));
        SpecException e = assertThrows(SpecException.class, () -> SavedModel.load(file));
        assertTrue(e.getMessage().startsWith(file + " __metadata__.spec:3:"), e.getMessage());
    }

    @Test
    void anIncompleteDirectoryIsNamed(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("model");
        SavedModel.save(saved, SPEC, TestModels.smallMlp(new SplittableRandom(1)));
        Files.delete(saved.resolve(SavedModel.WEIGHTS_FILE));
        ModelFileException noWeights = assertThrows(ModelFileException.class, () -> SavedModel.load(saved));
        assertEquals(saved + ": a saved-model directory needs weights.safetensors", noWeights.getMessage());
        Files.delete(saved.resolve(SavedModel.SPEC_FILE));
        ModelFileException noSpec = assertThrows(ModelFileException.class, () -> SavedModel.load(saved));
        assertEquals(saved + ": a saved-model directory needs model.yaml", noSpec.getMessage());
    }

    /**
     * gradflow_saved_mlp.safetensors was written by ModelWeights.save (single-file form) and checked with
     * check_safetensors.py; today's writer must still read it and still write exactly these bytes.
     */
    @Test
    void readsAndRewritesTheCommittedGradflowFile(@TempDir Path dir) throws IOException {
        byte[] committed = TestModels.resource("gradflow_saved_mlp.safetensors");
        SavedModel loaded = SavedModel.load(TestModels.resourcePath("gradflow_saved_mlp.safetensors"));
        assertEquals(SPEC, loaded.spec());
        Sequential model = TestModels.smallMlp(new SplittableRandom(1));
        loaded.copyInto(model);
        Path rewritten = dir.resolve("again.safetensors");
        ModelWeights.save(model, loaded.spec(), rewritten);
        assertArrayEquals(committed, Files.readAllBytes(rewritten));
    }
}
