package dev.gradflow.init;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Xavier/Glorot uniform (torch.nn.init.xavier_uniform_): W ~ U(−b, b) with b = gain·√(6/(fan_in + fan_out)), so
 * Var(W) = gain²·2/(fan_in + fan_out) — the compromise between keeping forward and backward variances that
 * Glorot and Bengio (2010) derive for linear units. Default gain 1.
 */
public record XavierUniform(double gain) implements Initializer {
    public static final double DEFAULT_GAIN = 1.0;

    public XavierUniform {
        if (!(gain >= 0) || Double.isInfinite(gain)) throw new IllegalArgumentException("xavier_uniform: gain must be finite and >= 0, got " + gain);
    }

    /** Gain 1. */
    public XavierUniform() {
        this(DEFAULT_GAIN);
    }

    @Override
    public void fillInPlace(Tensor tensor, Shape fanShape, RandomGenerator random) {
        Fans fans = Fans.of(name(), fanShape);
        double std = gain * Math.sqrt(2.0 / (fans.fanIn() + fans.fanOut()));
        Fill.symmetric(tensor.data(), Math.sqrt(3.0) * std, random);
    }

    @Override
    public String name() {
        return "xavier_uniform";
    }
}
