package dev.gradflow.init;

import dev.gradflow.tensor.Shape;

/**
 * The scale of He/Kaiming initialization (He et al. 2015), shared by {@link HeUniform} and {@link HeNormal} with
 * torch.nn.init.kaiming_*_'s arguments: std = gain/√fan, where fan is fan_in or fan_out by {@code mode} and
 * gain = {@link Gain#of}(nonlinearity, negativeSlope). So Var(W) = gain²/fan: 2/fan_in for ReLU.
 *
 * <p>The defaults are PyTorch's: mode fan_in, nonlinearity "leaky_relu", negative slope 0, which gives gain √2.
 */
public record KaimingScale(FanMode mode, String nonlinearity, double negativeSlope) {
    public static final KaimingScale DEFAULT = new KaimingScale(FanMode.FAN_IN, "leaky_relu", 0.0);

    public KaimingScale {
        if (mode == null || nonlinearity == null) throw new IllegalArgumentException("kaiming: mode and nonlinearity must not be null");
        Gain.of(nonlinearity, negativeSlope); // rejects unknown names and non-finite slopes
    }

    /** std = gain/√fan for a weight of shape {@code fanShape}; {@code initializer} names the caller in errors. */
    double std(String initializer, Shape fanShape) {
        int fan = mode.select(Fans.of(initializer, fanShape));
        return Gain.of(nonlinearity, negativeSlope) / Math.sqrt(fan);
    }
}
