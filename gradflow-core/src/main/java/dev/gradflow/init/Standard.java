package dev.gradflow.init;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * The "standard" initialization Glorot and Bengio (2010) analyse, W ~ U(−1/√fan_in, 1/√fan_in), so
 * Var(W) = 1/(3·fan_in). It is PyTorch's default for nn.Linear and nn.Conv weights (kaiming_uniform_ with
 * a = √5 reduces to it) and for their biases (drawn with the weight's fan_in). The bound is 0 when fan_in = 0,
 * as in PyTorch's bias rule.
 */
public record Standard() implements Initializer {

    @Override
    public void fillInPlace(Tensor tensor, Shape fanShape, RandomGenerator random) {
        int fanIn = Fans.of(name(), fanShape).fanIn();
        double bound = fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0.0;
        Fill.symmetric(tensor.data(), bound, random);
    }

    @Override
    public String name() {
        return "standard";
    }
}
