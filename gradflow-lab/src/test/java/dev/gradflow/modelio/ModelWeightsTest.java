package dev.gradflow.modelio;

import static dev.gradflow.modelio.TestModels.assertBitExact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.nn.Activation;
import dev.gradflow.nn.BatchNorm;
import dev.gradflow.nn.Conv2d;
import dev.gradflow.nn.Flatten;
import dev.gradflow.nn.GlobalAvgPool2d;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.Residual;
import dev.gradflow.nn.ResidualOptions;
import dev.gradflow.nn.Sequential;
import dev.gradflow.spec.ModelSpec;
import dev.gradflow.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model's state_dict to a file and back: PyTorch names, I64 counters, and errors that name what does not fit. */
class ModelWeightsTest {

    /** A small ResNet: conv, BN, ReLU, a residual block with a projection, pooling, a linear head. */
    private static Sequential smallResNet(RandomGenerator random) {
        return new Sequential(
                new Conv2d(1, 2, 3, 1, 1, random),
                BatchNorm.channels(2),
                Activation.of("relu"),
                Residual.convolutional(2, 3, 2, ResidualOptions.defaults(), random),
                new GlobalAvgPool2d(),
                new Flatten(),
                new Linear(3, 2, random));
    }

    @Test
    void roundTripsAResNetWithBuffersUnderPyTorchNames(@TempDir Path dir) {
        Sequential model = smallResNet(new SplittableRandom(1));
        model.forward(Tensor.randn(new SplittableRandom(2), 4, 1, 6, 6)); // training step: running statistics move
        model.forward(Tensor.randn(new SplittableRandom(3), 4, 1, 6, 6));
        Path file = dir.resolve("resnet.safetensors");
        ModelWeights.save(model, null, file);

        SafetensorsContent content = SafetensorsReader.read(file);
        Map<String, Tensor> state = model.stateDict();
        assertEquals(new java.util.TreeSet<>(state.keySet()), new java.util.TreeSet<>(content.tensors().keySet()));
        for (String name : List.of("0.weight", "0.bias", "1.running_mean", "1.num_batches_tracked", "3.branch.0.weight",
                "3.branch.1.running_var", "3.branch.4.num_batches_tracked", "3.projection.weight", "6.weight")) {
            assertTrue(content.tensors().containsKey(name), name + " in " + content.tensors().keySet());
        }
        content.tensors().forEach((name, stored) ->
                assertEquals(name.endsWith("num_batches_tracked") ? Dtype.I64 : Dtype.F32, stored.dtype(), name));
        assertEquals(2f, content.tensors().get("1.num_batches_tracked").values().item());

        Sequential fresh = smallResNet(new SplittableRandom(99));
        ModelWeights.load(fresh, file);
        state.forEach((name, t) -> assertBitExact(t, fresh.stateDict().get(name), name));
    }

    @Test
    void writesFormatVersionAndSpecMetadata(@TempDir Path dir) {
        Path file = dir.resolve("mlp.safetensors");
        ModelSpec spec = ModelSpec.parse(TestModels.MLP_SPEC, "mlp.yaml");
        ModelWeights.save(TestModels.smallMlp(new SplittableRandom(1)), spec, file);
        Map<String, String> metadata = SafetensorsReader.readHeader(file).metadata();
        assertEquals("pt", metadata.get(ModelMetadata.FORMAT));
        assertEquals(ModelMetadata.DEVELOPMENT_VERSION, metadata.get(ModelMetadata.GRADFLOW_VERSION));
        assertEquals(spec, ModelSpec.parse(metadata.get(ModelMetadata.SPEC), "metadata"));

        ModelWeights.save(TestModels.smallMlp(new SplittableRandom(1)), null, file);
        assertEquals(List.of(ModelMetadata.FORMAT, ModelMetadata.GRADFLOW_VERSION), List.copyOf(SafetensorsReader.readHeader(file).metadata().keySet()));
    }

    @Test
    void missingAndUnexpectedTensorsAreListed() {
        Sequential model = TestModels.smallMlp(new SplittableRandom(1));
        Map<String, Tensor> weights = new LinkedHashMap<>(model.stateDict());
        weights.remove("2.bias");
        weights.remove("0.bias");
        weights.put("2.bais", Tensor.zeros(2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelWeights.copyInto(model, weights, "w.safetensors"));
        assertEquals("w.safetensors: the tensors do not match the model's state_dict: 2 missing (0.bias, 2.bias); 1 unexpected (2.bais)",
                e.getMessage());

        Sequential withNorm = TestModels.smallBatchNormMlp(new SplittableRandom(1));
        ModelFileException buffers = assertThrows(ModelFileException.class,
                () -> ModelWeights.copyInto(withNorm, TestModels.smallMlp(new SplittableRandom(1)).stateDict(), "mlp"));
        assertTrue(buffers.getMessage().contains("missing (1.weight, 1.bias, 1.running_mean, 1.running_var, 1.num_batches_tracked, 3.weight, 3.bias)"),
                buffers.getMessage());
        assertTrue(buffers.getMessage().contains("2 unexpected (2.weight, 2.bias)"), buffers.getMessage());
    }

    @Test
    void wrongShapesNameTensorExpectedAndActualAndChangeNothing(@TempDir Path dir) {
        Path file = dir.resolve("mlp.safetensors");
        ModelWeights.save(TestModels.smallMlp(new SplittableRandom(1)), null, file);
        Sequential wider = new Sequential(new Linear(3, 5, new SplittableRandom(2)), Activation.of("relu"), new Linear(5, 2, new SplittableRandom(3)));
        Map<String, float[]> before = snapshot(wider);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelWeights.load(wider, file));
        assertEquals(file + ": shape mismatch: tensor '0.weight' has shape [4, 3] but the model expects [5, 3]; "
                + "tensor '0.bias' has shape [4] but the model expects [5]; tensor '2.weight' has shape [2, 4] but the model expects [2, 5]",
                e.getMessage());
        before.forEach((name, values) -> assertBitExact(Tensor.of(values, wider.stateDict().get(name).shape()), wider.stateDict().get(name), name));
    }

    @Test
    void convertsHalfPrecisionWeightsOnLoad() {
        Sequential model = TestModels.smallBatchNormMlp(new SplittableRandom(5));
        ModelWeights.load(model, TestModels.resourcePath("pytorch_mlp_bf16.safetensors"));
        Sequential reference = TestModels.smallBatchNormMlp(new SplittableRandom(6));
        ModelWeights.load(reference, TestModels.resourcePath("pytorch_mlp_f32.safetensors"));
        reference.stateDict().forEach((name, t) -> assertBitExact(t, model.stateDict().get(name), name));
    }

    @Test
    void counterIsWrittenAsInt64() {
        Module bn = BatchNorm.features(3);
        bn.forward(Tensor.randn(new SplittableRandom(1), 5, 3));
        Map<String, StoredTensor> state = ModelWeights.stateDict(bn);
        assertEquals(Dtype.I64, state.get("num_batches_tracked").dtype());
        assertEquals(Dtype.F32, state.get("running_mean").dtype());
        SafetensorsContent read = SafetensorsReader.read(SafetensorsWriter.toBytes(state, Map.of()), "bn");
        assertEquals(1f, read.tensors().get("num_batches_tracked").values().item());
    }

    private static Map<String, float[]> snapshot(Module model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> out.put(name, t.data().clone()));
        return out;
    }
}
