package dev.gradflow.autograd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.testing.Golden;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case of PyTorch's layers.json through the ops: forward output and the gradient of every input. */
class GoldenLayerOpsTest {
    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-4;

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : Golden.cases("layers.json")) {
            String label = (i++) + " " + c.get("name").asText() + " " + c.get("params");
            tests.add(DynamicTest.dynamicTest(label, () -> run(c)));
        }
        return tests.stream();
    }

    private static void run(JsonNode c) {
        List<Tensor> inputs = new ArrayList<>();
        for (JsonNode n : c.get("inputs")) inputs.add(Golden.tensor(n).requiresGrad(true));
        Tensor out = op(c.get("name").asText(), c.get("params")).apply(inputs);
        Golden.assertClose(Golden.tensor(c.get("output")), out, ATOL, RTOL, "output");
        out.backward(Golden.tensor(c.get("cotangent")));
        for (int k = 0; k < inputs.size(); k++) {
            Golden.assertClose(Golden.tensor(c.get("grads").get(k)), inputs.get(k).grad(), ATOL, RTOL, "grad of input " + k);
        }
    }

    static Function<List<Tensor>, Tensor> op(String name, JsonNode p) {
        return switch (name) {
            case "batch_norm_train" -> in -> NormOps.batchNorm(in.get(0), in.get(1), in.get(2), eps(p), null, null);
            case "layer_norm" -> in -> NormOps.layerNorm(in.get(0), in.get(1).dims(), in.get(1), in.get(2), eps(p));
            case "conv2d" -> in -> ConvOps.conv2d(in.get(0), in.get(1), in.get(2),
                    new Window2d(in.get(1).dim(2), in.get(1).dim(3), p.get("stride").asInt(), p.get("stride").asInt(),
                            p.get("padding").asInt(), p.get("padding").asInt()));
            case "max_pool2d" -> in -> PoolOps.maxPool2d(in.get(0), Window2d.square(p.get("kernel").asInt(), p.get("stride").asInt(), 0));
            case "avg_pool2d" -> in -> PoolOps.avgPool2d(in.get(0), Window2d.square(p.get("kernel").asInt(), p.get("stride").asInt(), 0));
            case "global_avg_pool" -> in -> PoolOps.globalAvgPool2d(in.get(0));
            default -> throw new IllegalArgumentException("no op for golden case " + name);
        };
    }

    private static float eps(JsonNode p) {
        return (float) p.get("eps").asDouble();
    }
}
