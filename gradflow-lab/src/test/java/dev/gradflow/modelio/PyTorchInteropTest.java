package dev.gradflow.modelio;

import static dev.gradflow.modelio.TestModels.assertBitExact;
import static dev.gradflow.modelio.TestModels.resource;
import static dev.gradflow.modelio.TestModels.resourcePath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradflow.nn.BatchNorm;
import dev.gradflow.nn.Mode;
import dev.gradflow.nn.Sequential;
import dev.gradflow.spec.ModelSpec;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.testing.Golden;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files laid out as PyTorch's safetensors.torch.save_file writes them (made by make_pytorch_files.py in the test
 * resources) are read exactly, loaded into the equivalent gradflow model, and written back byte for byte; files
 * gradflow writes follow the rules a plain reader (check_safetensors.py) checks.
 */
class PyTorchInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Tensor> expectedMlp() throws IOException {
        JsonNode root = JSON.readTree(resource("pytorch_mlp.expected.json"));
        Map<String, Tensor> out = new LinkedHashMap<>();
        root.properties().forEach(e -> out.put(e.getKey(), Golden.tensor(e.getValue())));
        return out;
    }

    @ParameterizedTest
    @CsvSource({"f32, F32", "f16, F16", "bf16, BF16", "f64, F64"})
    void readsEveryFloatVariantExactly(String suffix, Dtype dtype) throws IOException {
        String name = "pytorch_mlp_" + suffix + ".safetensors";
        SafetensorsContent content = SafetensorsReader.read(resource(name), name);
        Map<String, Tensor> expected = expectedMlp();
        assertEquals(expected.keySet(), content.tensors().keySet());
        for (var e : expected.entrySet()) {
            StoredTensor stored = content.tensors().get(e.getKey());
            assertEquals(e.getKey().endsWith("num_batches_tracked") ? Dtype.I64 : dtype, stored.dtype(), e.getKey());
            assertBitExact(e.getValue(), stored.values(), name + " " + e.getKey());
        }
        // save_file orders the data by descending dtype alignment, then name: the int64 counter first.
        assertEquals("1.num_batches_tracked", content.tensors().keySet().iterator().next());
        assertEquals(suffix.equals("f32") ? Map.of("format", "pt") : Map.of(), content.metadata());
    }

    @Test
    void loadsThePyTorchFileIntoTheEquivalentModel() throws IOException {
        Sequential model = TestModels.smallBatchNormMlp(new SplittableRandom(1));
        ModelWeights.load(model, resourcePath("pytorch_mlp_f32.safetensors"));
        Map<String, Tensor> expected = expectedMlp();
        model.stateDict().forEach((name, t) -> assertBitExact(expected.get(name), t, name));
        BatchNorm bn = (BatchNorm) model.get(1);
        assertEquals(7f, bn.numBatchesTracked().item());
        model.setMode(Mode.EVALUATION);
        assertEquals(List.of(5, 2), List.of(model.forward(Tensor.ones(5, 3)).dims()[0], model.forward(Tensor.ones(5, 3)).dims()[1]));
    }

    @Test
    void writesTheSameBytesAsPyTorch() {
        byte[] pytorch = resource("pytorch_mlp_f32.safetensors");
        Sequential model = TestModels.smallBatchNormMlp(new SplittableRandom(2));
        ModelWeights.copyInto(model, SafetensorsReader.read(pytorch, "pytorch").floatTensors(), "pytorch");
        assertArrayEquals(pytorch, SafetensorsWriter.toBytes(ModelWeights.stateDict(model), Map.of("format", "pt")));
    }

    @Test
    void readsIntegerAndDoubleTensors() {
        SafetensorsContent content = SafetensorsReader.read(resource("pytorch_mixed.safetensors"), "mixed");
        assertEquals(List.of("step", "ratio", "counts"), List.copyOf(content.tensors().keySet()));
        StoredTensor counts = content.tensors().get("counts");
        assertEquals(Dtype.I32, counts.dtype());
        assertBitExact(Tensor.of(new float[] {-3, -2, -1, 0, 1, 2147483520f}, 2, 3), counts.values(), "counts");
        StoredTensor step = content.tensors().get("step");
        assertEquals(Dtype.I64, step.dtype());
        assertBitExact(Tensor.scalar(0x1p40f), step.values(), "step");
        // F64 rounds to the nearest float32.
        assertBitExact(Tensor.vector((float) 0.1, -2.5f), content.tensors().get("ratio").values(), "ratio");
    }

    /** The golden networks' parameters (PyTorch values) survive a write and a read bit for bit. */
    @Test
    void goldenNetworksRoundTripBitExactly(@TempDir Path dir) {
        for (JsonNode c : Golden.cases("networks.json")) {
            String name = c.get("name").asText();
            Sequential model = goldenNetwork(c);
            Map<String, Tensor> params = new LinkedHashMap<>();
            c.get("params").properties().forEach(e -> params.put(e.getKey(), Golden.tensor(e.getValue())));
            Path file = dir.resolve(name + ".safetensors");
            ModelWeights.save(model, null, file);

            SafetensorsContent read = SafetensorsReader.read(file);
            assertEquals(new java.util.TreeSet<>(params.keySet()), new java.util.TreeSet<>(read.tensors().keySet()), name);
            params.forEach((p, t) -> assertBitExact(t, read.tensors().get(p).values(), name + " " + p));

            Sequential fresh = goldenNetwork(c);
            fresh.stateDict().values().forEach(t -> java.util.Arrays.fill(t.data(), 0f));
            ModelWeights.load(fresh, file);
            params.forEach((p, t) -> assertBitExact(t, fresh.stateDict().get(p), name + " loaded " + p));
        }
    }

    /** The network of a networks.json case: Linear layers with the case's parameters, activations by name. */
    private static Sequential goldenNetwork(JsonNode c) {
        List<dev.gradflow.nn.Module> layers = new ArrayList<>();
        Iterator<JsonNode> it = c.get("layers").elements();
        for (int i = 0; it.hasNext(); i++) {
            JsonNode layer = it.next();
            String kind = layer.get("kind").asText();
            if (kind.equals("Linear")) {
                JsonNode p = c.get("params");
                layers.add(new dev.gradflow.nn.Linear(Golden.tensor(p.get(i + ".weight")), Golden.tensor(p.get(i + ".bias"))));
            } else {
                layers.add(dev.gradflow.nn.Activation.of(kind.toLowerCase(java.util.Locale.ROOT)));
            }
        }
        return new Sequential(layers);
    }

    /**
     * The header gradflow writes, checked with a plain JSON tree (not gradflow's reader) by the rules of
     * check_safetensors.py: compact JSON padded with spaces to 8 bytes, tensors in header order starting at offset 0,
     * back to back, each product(shape)·size bytes, the last ending at the end of the file; metadata all strings.
     */
    @Test
    void theHeaderGradflowWritesFollowsThePlainReadersRules(@TempDir Path dir) throws IOException {
        Sequential model = TestModels.smallBatchNormMlp(new SplittableRandom(3));
        model.forward(Tensor.randn(new SplittableRandom(4), 6, 3)); // moves the running statistics, counts one batch
        Path file = dir.resolve("mlp.safetensors");
        ModelWeights.save(model, ModelSpec.parse(TestModels.MLP_SPEC, "mlp.yaml"), file);
        byte[] bytes = Files.readAllBytes(file);

        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header length is a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        String json = header.stripTrailing();
        assertTrue(header.substring(json.length()).chars().allMatch(ch -> ch == ' ') && n - json.length() < 8, "padding");
        JsonNode root = JSON.readTree(json);
        assertEquals(json, JSON.writeValueAsString(root), "compact JSON, as serde_json writes it");

        long expectedBegin = 0;
        List<String> names = new ArrayList<>();
        for (var e : root.properties()) {
            if (e.getKey().equals("__metadata__")) {
                e.getValue().properties().forEach(m -> assertTrue(m.getValue().isTextual(), m.getKey()));
                continue;
            }
            JsonNode info = e.getValue();
            long count = 1;
            for (JsonNode d : info.get("shape")) count *= d.asLong();
            int size = Dtype.valueOf(info.get("dtype").asText()).byteSize();
            assertEquals(expectedBegin, info.get("data_offsets").get(0).asLong(), e.getKey() + " begins where the previous ended");
            assertEquals(count * size, info.get("data_offsets").get(1).asLong() - expectedBegin, e.getKey() + " size");
            expectedBegin = info.get("data_offsets").get(1).asLong();
            names.add(e.getKey());
        }
        assertEquals(bytes.length - 8 - n, expectedBegin, "the tensors cover the data section");
        assertEquals(new java.util.TreeSet<>(model.stateDict().keySet()), new java.util.TreeSet<>(names));
        assertEquals("I64", root.get("1.num_batches_tracked").get("dtype").asText());
        assertEquals("pt", root.get("__metadata__").get("format").asText());
        assertEquals(ModelSpec.parse(TestModels.MLP_SPEC, "mlp.yaml").toYaml(), root.get("__metadata__").get("spec").asText());
        assertTrue(json.startsWith("{\"__metadata__\":{"), "metadata first, as the reference writes it");
    }
}
