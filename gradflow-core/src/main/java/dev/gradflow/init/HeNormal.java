package dev.gradflow.init;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * He/Kaiming normal (torch.nn.init.kaiming_normal_): W ~ N(0, gain²/fan), so Var(W) = gain²/fan
 * (see {@link KaimingScale}); with the defaults (ReLU gain √2, fan_in) Var(W) = 2/fan_in.
 */
public record HeNormal(KaimingScale scale) implements Initializer {

    public HeNormal {
        if (scale == null) throw new IllegalArgumentException("he_normal: scale must not be null");
    }

    /** PyTorch's defaults: fan_in, leaky_relu with slope 0 (gain √2). */
    public HeNormal() {
        this(KaimingScale.DEFAULT);
    }

    public HeNormal(FanMode mode, String nonlinearity, double negativeSlope) {
        this(new KaimingScale(mode, nonlinearity, negativeSlope));
    }

    @Override
    public void fillInPlace(Tensor tensor, Shape fanShape, RandomGenerator random) {
        Fill.normal(tensor.data(), 0.0, scale.std(name(), fanShape), random);
    }

    @Override
    public String name() {
        return "he_normal";
    }
}
