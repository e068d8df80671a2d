package dev.gradflow.init;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * He/Kaiming uniform (torch.nn.init.kaiming_uniform_): W ~ U(−b, b) with b = √3·gain/√fan, so
 * Var(W) = gain²/fan (see {@link KaimingScale}); with the defaults (ReLU gain √2, fan_in) Var(W) = 2/fan_in.
 */
public record HeUniform(KaimingScale scale) implements Initializer {

    public HeUniform {
        if (scale == null) throw new IllegalArgumentException("he_uniform: scale must not be null");
    }

    /** PyTorch's defaults: fan_in, leaky_relu with slope 0 (gain √2). */
    public HeUniform() {
        this(KaimingScale.DEFAULT);
    }

    public HeUniform(FanMode mode, String nonlinearity, double negativeSlope) {
        this(new KaimingScale(mode, nonlinearity, negativeSlope));
    }

    @Override
    public void fillInPlace(Tensor tensor, Shape fanShape, RandomGenerator random) {
        Fill.symmetric(tensor.data(), Math.sqrt(3.0) * scale.std(name(), fanShape), random);
    }

    @Override
    public String name() {
        return "he_uniform";
    }
}
