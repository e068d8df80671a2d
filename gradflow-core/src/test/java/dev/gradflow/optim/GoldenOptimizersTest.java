package dev.gradflow.optim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every optimizer case of PyTorch's optimizers.json: from {@code initial_params}, apply {@code grads_per_step} one
 * per step and compare the parameters after each of the 5 steps. The optimizer is built through
 * {@link Optimizers#create} from the case's PyTorch keywords, so the factory and option parsing are covered too.
 */
class GoldenOptimizersTest {
    private static final double ATOL = 1e-6;
    private static final double RTOL = 1e-5;

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        JsonNode file = Golden.load("optimizers.json");
        List<DynamicTest> tests = new ArrayList<>();
        int index = 0;
        for (JsonNode c : file.get("cases")) {
            String label = (index++) + " " + c.get("optimizer").asText() + " " + c.get("config");
            tests.add(DynamicTest.dynamicTest(label, () -> run(file, c)));
        }
        return tests.stream();
    }

    private static void run(JsonNode file, JsonNode c) {
        Tensor param = Tensor.vector(Golden.floats(file.get("initial_params"))).requiresGrad(true);
        Optimizer optimizer = create(c.get("optimizer").asText(), c.get("config"), param);
        JsonNode grads = file.get("grads_per_step");
        JsonNode expected = c.get("params_after_each_step");
        for (int step = 0; step < grads.size(); step++) {
            float[] g = Golden.floats(grads.get(step));
            System.arraycopy(g, 0, param.gradBuffer(), 0, g.length);
            optimizer.step();
            Golden.assertClose(Golden.floats(expected.get(step)), param.data(), ATOL, RTOL, "params after step " + (step + 1));
        }
    }

    /** The optimizer named in the case, with its PyTorch keywords turned into options. */
    static Optimizer create(String name, JsonNode config, Tensor param) {
        double lr = config.get("lr").asDouble();
        List<OptimizerOption> options = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : config.properties()) {
            if (e.getKey().equals("lr")) continue;
            JsonNode v = e.getValue();
            String text = v.isArray() ? v.get(0).asText() + "," + v.get(1).asText() : v.asText();
            OptimizerOption.parse(e.getKey(), text).ifPresent(options::add);
        }
        return Optimizers.create(name, List.of(param), lr, options.toArray(OptimizerOption[]::new));
    }
}
