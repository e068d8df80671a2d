package dev.gradflow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.data.Dataset;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Adam;
import dev.gradflow.optim.AdamConfig;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.optim.Sgd;
import dev.gradflow.optim.SgdConfig;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Whole networks of networks.json (PyTorch, float64 on float32-exact inputs): output, MSE loss, every parameter
 * gradient and its L2 norm; then the recorded full-batch training chains run through {@link Trainer}.
 */
class GoldenNetworksTest {
    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-4;
    /** Ten float32 training steps drift further from float64 than one op. */
    private static final double CHAIN_ATOL = 1e-4;
    private static final double CHAIN_RTOL = 1e-3;

    private final Loss mse = new MseLoss();

    @TestFactory
    Stream<DynamicTest> forwardAndBackwardMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : Golden.cases("networks.json")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> forwardAndBackward(c)));
        }
        return tests.stream();
    }

    private void forwardAndBackward(JsonNode c) {
        Sequential model = build(c);
        Tensor output = model.forward(Golden.tensor(c.get("x")));
        Golden.assertClose(Golden.tensor(c.get("output")), output, ATOL, RTOL, "output");
        Tensor loss = mse.compute(output, Golden.tensor(c.get("y")));
        assertEquals(c.get("loss").asDouble(), loss.item(), ATOL + RTOL * Math.abs(c.get("loss").asDouble()), "loss");
        loss.backward();
        for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
            String name = p.getKey();
            Golden.assertClose(Golden.tensor(c.get("grads").get(name)), p.getValue().grad(), ATOL, RTOL, "gradient of " + name);
            double norm = c.get("grad_l2_norm").get(name).asDouble();
            assertEquals(norm, GradientNorms.of(p.getValue()), ATOL + RTOL * norm, "gradient norm of " + name);
        }
    }

    @TestFactory
    Stream<DynamicTest> trainingChainsMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : Golden.cases("networks.json")) {
            if (c.has("train")) tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> trainingChain(c)));
        }
        return tests.stream();
    }

    /** Full-batch steps through {@link Trainer}: the loss before each step and the parameters after the last. */
    private void trainingChain(JsonNode c) {
        JsonNode train = c.get("train");
        Sequential model = build(c);
        double learningRate = train.get("config").get("lr").asDouble();
        Optimizer optimizer = switch (train.get("optimizer").asText()) {
            case "SGD" -> new Sgd(model.parameters(), SgdConfig.defaults().withLearningRate(learningRate));
            case "Adam" -> new Adam(model.parameters(), AdamConfig.defaults().withLearningRate(learningRate));
            default -> throw new IllegalArgumentException("networks.json: unknown optimizer " + train.get("optimizer"));
        };
        int steps = train.get("steps").asInt();
        TrainingHistory history = new Trainer(model, mse, optimizer, TrainingConfig.DEFAULTS.withBudget(Budget.steps(steps)))
                .fit(new Dataset(Golden.tensor(c.get("x")), Golden.tensor(c.get("y"))));

        double[] expectedLosses = Golden.doubles(train.get("loss_before_each_step"));
        double[] losses = history.stepLosses();
        assertEquals(steps, losses.length);
        for (int i = 0; i < steps; i++) {
            assertEquals(expectedLosses[i], losses[i], CHAIN_ATOL + CHAIN_RTOL * Math.abs(expectedLosses[i]), "loss before step " + (i + 1));
        }
        for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
            Golden.assertClose(Golden.tensor(train.get("params_after").get(p.getKey())), p.getValue(), CHAIN_ATOL, CHAIN_RTOL,
                    p.getKey() + " after " + steps + " steps");
        }
    }

    /** The Sequential that {@code layers} describes, with the case's parameters. */
    static Sequential build(JsonNode c) {
        List<Module> layers = new ArrayList<>();
        int index = 0;
        for (JsonNode layer : c.get("layers")) {
            String kind = layer.get("kind").asText();
            layers.add(switch (kind) {
                case "Linear" -> new Linear(Golden.tensor(c.get("params").get(index + ".weight")),
                        Golden.tensor(c.get("params").get(index + ".bias")));
                case "ReLU" -> Activation.of("relu");
                case "Sigmoid" -> Activation.of("sigmoid");
                default -> throw new IllegalArgumentException("networks.json: unknown layer kind " + kind);
            });
            index++;
        }
        Sequential model = new Sequential(layers);
        assertEquals(c.get("params").size(), model.namedParameters().size(), "parameter count");
        return model;
    }
}
