package dev.gradflow.init;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * LeCun normal: W ~ N(0, 1/fan_in), so Var(W) = 1/fan_in — the initialization SELU's self-normalization assumes
 * (Klambauer et al. 2017). In PyTorch this is kaiming_normal_(mode='fan_in', nonlinearity='linear'); Keras draws
 * a truncated normal with the same variance instead.
 */
public record LecunNormal() implements Initializer {

    @Override
    public void fillInPlace(Tensor tensor, Shape fanShape, RandomGenerator random) {
        Fill.normal(tensor.data(), 0.0, 1.0 / Math.sqrt(Fans.of(name(), fanShape).fanIn()), random);
    }

    @Override
    public String name() {
        return "lecun_normal";
    }
}
