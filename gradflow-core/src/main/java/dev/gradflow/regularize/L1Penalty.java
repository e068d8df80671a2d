package dev.gradflow.regularize;

import dev.gradflow.tensor.Tensor;

/**
 * The L1 penalty (lasso) R(θ) = λ·Σ_p Σ_i |θ_{p,i}|, with ∂R/∂θ = λ·sign(θ) and sign(0) = 0 (PyTorch's
 * subgradient of |x| at 0). It pushes small weights to exactly zero only with a proximal step; plain gradient
 * descent makes them oscillate around zero.
 *
 * @param strength λ, finite and ≥ 0
 * @param selector the parameters penalized
 */
public record L1Penalty(double strength, ParameterSelector selector) implements Penalty {

    public L1Penalty {
        if (!(strength >= 0) || Double.isInfinite(strength)) {
            throw new IllegalArgumentException("L1 penalty: strength must be finite and >= 0, got " + strength);
        }
        if (selector == null) throw new IllegalArgumentException("L1 penalty: parameter selector must not be null");
    }

    /** λ·Σ|θ| over the weights, biases excluded ({@link ParameterSelector#weightsOnly()}). */
    public static L1Penalty of(double strength) {
        return new L1Penalty(strength, ParameterSelector.weightsOnly());
    }

    /** λ·Σ_i |θ_i|. */
    @Override
    public Tensor termOf(Tensor parameter) {
        return parameter.abs().sum().mul((float) strength);
    }

    /** λ·sign(θ). */
    @Override
    public Tensor gradientOfSelected(Tensor parameter) {
        float[] theta = parameter.data();
        float[] g = new float[theta.length];
        float lambda = (float) strength;
        for (int i = 0; i < g.length; i++) g[i] = lambda * Math.signum(theta[i]);
        return Tensor.of(g, parameter.shape());
    }
}
