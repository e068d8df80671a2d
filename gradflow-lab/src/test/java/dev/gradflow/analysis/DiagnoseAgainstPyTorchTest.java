package dev.gradflow.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.modelio.ModelWeights;
import dev.gradflow.spec.ModelFactory;
import dev.gradflow.spec.ModelSpec;
import dev.gradflow.testing.Golden;
import dev.gradflow.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * diagnose with given weights and a given batch reproduces PyTorch's loss and per-parameter gradient norms: the
 * golden networks' weights are written to safetensors, their batch to CSV, and both read back the way
 * {@code gradflow diagnose --weights FILE --data FILE} reads them.
 */
class DiagnoseAgainstPyTorchTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> goldenNetworks() {
        return Golden.cases("networks.json").stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }

    private void check(JsonNode c) throws Exception {
        StringBuilder yaml = new StringBuilder("input: " + c.get("layers").get(0).get("in").asInt() + "\nlayers:\n");
        for (JsonNode l : c.get("layers")) {
            String kind = l.get("kind").asText();
            yaml.append(kind.equals("Linear") ? "  - linear: {out: " + l.get("out").asInt() + "}\n" : "  - " + kind.toLowerCase(Locale.ROOT) + "\n");
        }
        yaml.append("loss: mse\n");
        ModelSpec spec = ModelSpec.parse(yaml.toString(), c.get("name").asText());

        // The reference weights, saved the way a user would hand them to diagnose.
        var model = ModelFactory.build(spec, new SplittableRandom(0)).model();
        for (var e : model.namedParameters().entrySet()) {
            Tensor t = Golden.tensor(c.get("params").get(e.getKey()));
            System.arraycopy(t.data(), 0, e.getValue().data(), 0, t.size());
        }
        Path weights = dir.resolve(c.get("name").asText() + ".safetensors");
        ModelWeights.save(model, spec, weights);

        Tensor x = Golden.tensor(c.get("x"));
        Tensor y = Golden.tensor(c.get("y"));
        StringBuilder csv = new StringBuilder();
        int features = x.dim(1);
        for (int j = 0; j < features; j++) csv.append("x").append(j).append(',');
        csv.append("y\n");
        for (int i = 0; i < x.dim(0); i++) {
            for (int j = 0; j < features; j++) csv.append(Float.toString(x.get(i, j))).append(',');
            csv.append(Float.toString(y.get(i, 0))).append('\n');
        }
        Path batch = Files.writeString(dir.resolve(c.get("name").asText() + ".csv"), csv);

        DiagnoseReport r = Preflight.run(new Preflight.Options(spec, m -> ModelWeights.load(m, weights),
                SpecData.readCsv(batch, spec), 1, 1, 1, 0));
        assertEquals(c.get("loss").asDouble(), r.loss(), 1e-5 + 1e-4 * c.get("loss").asDouble(), "loss");
        List<DiagnoseReport.Parameter> params = r.parameters();
        for (DiagnoseReport.Parameter p : params) {
            double expected = c.get("grad_l2_norm").get(p.name()).asDouble();
            assertEquals(expected, p.gradL2Norm(), 1e-7 + 1e-3 * expected, "grad_l2_norm of " + p.name());
        }
        assertEquals(c.get("grad_l2_norm").size(), params.size());
    }
}
