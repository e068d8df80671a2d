package dev.gradflow.init;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.random.RandomGenerator;

/** W ~ U(a, b) (torch.nn.init.uniform_, default a = 0, b = 1); E[W] = (a + b)/2, Var(W) = (b − a)²/12. */
public record Uniform(double low, double high) implements Initializer {
    public static final double DEFAULT_LOW = 0.0;
    public static final double DEFAULT_HIGH = 1.0;

    public Uniform {
        if (!(low <= high) || Double.isInfinite(low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("uniform: needs finite a <= b, got a = " + low + ", b = " + high);
        }
    }

    /** U(0, 1). */
    public Uniform() {
        this(DEFAULT_LOW, DEFAULT_HIGH);
    }

    @Override
    public void fillInPlace(Tensor tensor, Shape fanShape, RandomGenerator random) {
        Fill.uniform(tensor.data(), low, high, random);
    }

    @Override
    public String name() {
        return "uniform";
    }
}
