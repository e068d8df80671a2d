package dev.gradflow.regularize;

import dev.gradflow.tensor.Tensor;

/**
 * The L2 penalty (ridge, "weight decay" as a loss term) R(θ) = λ·Σ_p Σ_i θ_{p,i}², with ∂R/∂θ = 2λθ.
 *
 * <p>PyTorch's {@code SGD(weight_decay=w)} adds wθ to the gradient, which is the gradient of (w/2)·Σθ²: it equals
 * this penalty with λ = w/2 ({@link #matchingSgdWeightDecay}), applied to every parameter including biases — for
 * parameters that receive a data gradient: SGD skips a parameter whose gradient is null, so its weight decay does
 * not reach it, while the penalty does. With adaptive optimizers (Adam) the coupled L2 gradient is rescaled by the
 * adaptive denominator, which is why decoupled decay ({@code AdamW}) differs.
 *
 * @param strength λ, finite and ≥ 0
 * @param selector the parameters penalized
 */
public record L2Penalty(double strength, ParameterSelector selector) implements Penalty {

    public L2Penalty {
        if (!(strength >= 0) || Double.isInfinite(strength)) {
            throw new IllegalArgumentException("L2 penalty: strength must be finite and >= 0, got " + strength);
        }
        if (selector == null) throw new IllegalArgumentException("L2 penalty: parameter selector must not be null");
    }

    /** λ·Σθ² over the weights, biases excluded ({@link ParameterSelector#weightsOnly()}). */
    public static L2Penalty of(double strength) {
        return new L2Penalty(strength, ParameterSelector.weightsOnly());
    }

    /** The penalty whose gradient equals {@code SGD(weight_decay=w)}'s: λ = w/2 on every parameter. */
    public static L2Penalty matchingSgdWeightDecay(double weightDecay) {
        return new L2Penalty(weightDecay / 2, ParameterSelector.all());
    }

    /** λ·Σ_i θ_i². */
    @Override
    public Tensor termOf(Tensor parameter) {
        return parameter.square().sum().mul((float) strength);
    }

    /** 2λθ. */
    @Override
    public Tensor gradientOfSelected(Tensor parameter) {
        float[] theta = parameter.data();
        float[] g = new float[theta.length];
        float twiceStrength = (float) (2 * strength);
        for (int i = 0; i < g.length; i++) g[i] = twiceStrength * theta[i];
        return Tensor.of(g, parameter.shape());
    }
}
