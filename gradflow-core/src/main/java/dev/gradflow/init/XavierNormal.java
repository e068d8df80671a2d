package dev.gradflow.init;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Xavier/Glorot normal (torch.nn.init.xavier_normal_): W ~ N(0, std²) with std = gain·√(2/(fan_in + fan_out)),
 * so Var(W) = gain²·2/(fan_in + fan_out). Default gain 1.
 */
public record XavierNormal(double gain) implements Initializer {
    public static final double DEFAULT_GAIN = 1.0;

    public XavierNormal {
        if (!(gain >= 0) || Double.isInfinite(gain)) throw new IllegalArgumentException("xavier_normal: gain must be finite and >= 0, got " + gain);
    }

    /** Gain 1. */
    public XavierNormal() {
        this(DEFAULT_GAIN);
    }

    @Override
    public void fillInPlace(Tensor tensor, Shape fanShape, RandomGenerator random) {
        Fans fans = Fans.of(name(), fanShape);
        Fill.normal(tensor.data(), 0.0, gain * Math.sqrt(2.0 / (fans.fanIn() + fans.fanOut())), random);
    }

    @Override
    public String name() {
        return "xavier_normal";
    }
}
