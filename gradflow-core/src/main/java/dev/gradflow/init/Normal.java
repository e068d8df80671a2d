package dev.gradflow.init;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.random.RandomGenerator;

/** W ~ N(mean, std²) (torch.nn.init.normal_, default mean 0, std 1); Var(W) = std². */
public record Normal(double mean, double std) implements Initializer {
    public static final double DEFAULT_MEAN = 0.0;
    public static final double DEFAULT_STD = 1.0;

    public Normal {
        if (!Double.isFinite(mean) || !(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("normal: needs a finite mean and std >= 0, got mean = " + mean + ", std = " + std);
        }
    }

    /** N(0, 1). */
    public Normal() {
        this(DEFAULT_MEAN, DEFAULT_STD);
    }

    @Override
    public void fillInPlace(Tensor tensor, Shape fanShape, RandomGenerator random) {
        Fill.normal(tensor.data(), mean, std, random);
    }

    @Override
    public String name() {
        return "normal";
    }
}
