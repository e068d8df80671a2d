package dev.gradflow.nn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.autograd.Window2d;
import dev.gradflow.testing.Golden;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of PyTorch's layers.json through the layer modules: the golden inputs are copied into the layer's
 * parameters, and the output and the gradients of input, weight and bias are compared.
 */
class GoldenLayersTest {
    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-4;

    @TestFactory
    Stream<DynamicTest> layersMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : Golden.cases("layers.json")) {
            String label = (i++) + " " + c.get("name").asText() + " " + c.get("params");
            tests.add(DynamicTest.dynamicTest(label, () -> run(c)));
        }
        return tests.stream();
    }

    private static void run(JsonNode c) {
        List<Tensor> golden = new ArrayList<>();
        for (JsonNode n : c.get("inputs")) golden.add(Golden.tensor(n));
        Tensor x = golden.get(0).requiresGrad(true);
        LayerUnderTest layer = layer(c.get("name").asText(), c.get("params"), golden);
        Tensor out = layer.module.forward(x);
        Golden.assertClose(Golden.tensor(c.get("output")), out, ATOL, RTOL, "output");
        out.backward(Golden.tensor(c.get("cotangent")));
        Golden.assertClose(Golden.tensor(c.get("grads").get(0)), x.grad(), ATOL, RTOL, "grad of input");
        for (int k = 0; k < layer.parameters.size(); k++) {
            Golden.assertClose(Golden.tensor(c.get("grads").get(k + 1)), layer.parameters.get(k).grad(), ATOL, RTOL,
                    "grad of parameter " + k);
        }
    }

    /** The module and its parameters in the golden file's input order (after the input). */
    private record LayerUnderTest(Module module, List<Tensor> parameters) {}

    private static LayerUnderTest layer(String name, JsonNode p, List<Tensor> in) {
        return switch (name) {
            case "batch_norm_train" -> {
                BatchNorm bn = new BatchNorm(BatchNorm.Layout.FEATURES,
                        new BatchNorm.Config(in.get(0).dim(1), (float) p.get("eps").asDouble(), BatchNorm.DEFAULT_MOMENTUM));
                copy(in.get(1), bn.weight());
                copy(in.get(2), bn.bias());
                yield new LayerUnderTest(bn, List.of(bn.weight(), bn.bias()));
            }
            case "layer_norm" -> {
                LayerNorm ln = new LayerNorm(in.get(1).dims(), (float) p.get("eps").asDouble());
                copy(in.get(1), ln.weight());
                copy(in.get(2), ln.bias());
                yield new LayerUnderTest(ln, List.of(ln.weight(), ln.bias()));
            }
            case "conv2d" -> {
                int stride = p.get("stride").asInt();
                int padding = p.get("padding").asInt();
                Tensor w = in.get(1);
                Conv2d conv = new Conv2d(w.copy(), in.get(2).copy(), new Window2d(w.dim(2), w.dim(3), stride, stride, padding, padding));
                yield new LayerUnderTest(conv, List.of(conv.weight(), conv.bias()));
            }
            case "max_pool2d" -> new LayerUnderTest(new MaxPool2d(p.get("kernel").asInt(), p.get("stride").asInt()), List.of());
            case "avg_pool2d" -> new LayerUnderTest(new AvgPool2d(p.get("kernel").asInt(), p.get("stride").asInt()), List.of());
            case "global_avg_pool" -> new LayerUnderTest(new GlobalAvgPool2d(), List.of());
            default -> throw new IllegalArgumentException("no layer for golden case " + name);
        };
    }

    private static void copy(Tensor from, Tensor to) {
        System.arraycopy(from.data(), 0, to.data(), 0, from.size());
    }
}
