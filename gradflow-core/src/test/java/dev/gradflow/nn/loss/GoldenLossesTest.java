package dev.gradflow.nn.loss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.testing.Golden;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case of PyTorch's losses.json: the loss and the gradient of every input that has one. */
class GoldenLossesTest {
    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-4;

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : Golden.cases("losses.json")) {
            String label = (i++) + " " + c.get("name").asText() + " " + c.get("params");
            tests.add(DynamicTest.dynamicTest(label, () -> run(c)));
        }
        return tests.stream();
    }

    private static void run(JsonNode c) {
        List<Tensor> inputs = new ArrayList<>();
        for (JsonNode n : c.get("inputs")) inputs.add(Golden.tensor(n).requiresGrad(true));
        Tensor prediction = inputs.get(0);
        Tensor target = c.has("int_inputs") ? Golden.tensor(c.get("int_inputs").get(0)) : inputs.get(1);
        Tensor out = loss(c.get("name").asText(), c.get("params")).compute(prediction, target);
        Golden.assertClose(Golden.tensor(c.get("output")), out, ATOL, RTOL, "loss");
        out.backward(Golden.tensor(c.get("cotangent")));
        JsonNode grads = c.get("grads");
        for (int k = 0; k < inputs.size(); k++) {
            if (grads.get(k).isNull()) continue;
            Golden.assertClose(Golden.tensor(grads.get(k)), inputs.get(k).grad(), ATOL, RTOL, "grad of input " + k);
        }
    }

    private static Loss loss(String name, JsonNode params) {
        Reduction reduction = Reduction.byName(params.path("reduction").asText("mean"));
        return switch (name) {
            case "mse" -> new MseLoss(reduction);
            case "l1" -> new L1Loss(reduction);
            case "huber" -> new HuberLoss(params.path("delta").asDouble(HuberLoss.DEFAULT_DELTA), reduction);
            case "bce_with_logits" -> new BceWithLogitsLoss(reduction);
            case "cross_entropy" -> new CrossEntropyLoss(params.path("label_smoothing").asDouble(CrossEntropyLoss.DEFAULT_LABEL_SMOOTHING), reduction);
            default -> throw new IllegalArgumentException("no loss for golden case " + name);
        };
    }
}
