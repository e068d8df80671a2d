package dev.gradflow.autograd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.testing.Golden;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case of PyTorch's ops.json: forward output and the gradient of sum(output · cotangent). */
class GoldenOpsTest {
    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-4;

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : Golden.cases("ops.json")) {
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
            case "add" -> in -> in.get(0).add(in.get(1));
            case "sub" -> in -> in.get(0).sub(in.get(1));
            case "mul" -> in -> in.get(0).mul(in.get(1));
            case "div" -> in -> in.get(0).div(in.get(1));
            case "neg" -> in -> in.get(0).neg();
            case "exp" -> in -> in.get(0).exp();
            case "log" -> in -> in.get(0).log();
            case "sqrt" -> in -> in.get(0).sqrt();
            case "abs" -> in -> in.get(0).abs();
            case "square" -> in -> in.get(0).square();
            case "pow" -> in -> in.get(0).pow((float) p.get("exponent").asDouble());
            case "clamp" -> in -> in.get(0).clamp((float) p.get("min").asDouble(), (float) p.get("max").asDouble());
            case "matmul" -> in -> in.get(0).matmul(in.get(1));
            case "linear" -> in -> MatrixOps.linear(in.get(0), in.get(1), in.get(2));
            case "sum" -> in -> p.get("dim").isNull() ? in.get(0).sum()
                    : in.get(0).sum(p.get("dim").asInt(), p.path("keepdim").asBoolean(false));
            case "mean" -> in -> p.get("dim").isNull() ? in.get(0).mean()
                    : in.get(0).mean(p.get("dim").asInt(), p.path("keepdim").asBoolean(false));
            case "max" -> in -> in.get(0).max(p.get("dim").asInt(), p.path("keepdim").asBoolean(false));
            case "softmax" -> in -> in.get(0).softmax(p.get("dim").asInt());
            case "log_softmax" -> in -> in.get(0).logSoftmax(p.get("dim").asInt());
            case "transpose" -> in -> in.get(0).transpose();
            case "reshape" -> in -> {
                int[] dims = new int[p.get("shape").size()];
                for (int d = 0; d < dims.length; d++) dims[d] = p.get("shape").get(d).asInt();
                return in.get(0).reshape(dims);
            };
            case "concat" -> in -> ShapeOps.concat(in, p.get("dim").asInt());
            default -> in -> in.get(0).apply(PointwiseFunction.byName(name));
        };
    }
}
