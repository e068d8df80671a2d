package dev.gradflow.nn.loss;

import dev.gradflow.tensor.Tensor;

/**
 * Mean absolute error, as torch.nn.L1Loss: ℓ_i = |x_i − y_i|, reduced by {@link Reduction} (mean by default).
 * Backward: ∂ℓ_i/∂x_i = sign(x_i − y_i) = −∂ℓ_i/∂y_i, with sign(0) = 0 as in PyTorch.
 */
public record L1Loss(Reduction reduction) implements Loss {

    private static final ElementwiseLoss.Term TERM = new ElementwiseLoss.Term() {
        public double value(float x, float y) { return Math.abs((double) x - y); }
        public double gradPrediction(float x, float y) { return Math.signum((double) x - y); }
        public double gradTarget(float x, float y) { return -Math.signum((double) x - y); }
    };

    public L1Loss {
        if (reduction == null) throw new IllegalArgumentException("l1 loss: reduction must not be null");
    }

    /** With the default (mean) reduction. */
    public L1Loss() {
        this(Reduction.DEFAULT);
    }

    @Override
    public Tensor compute(Tensor prediction, Tensor target) {
        return ElementwiseLoss.apply(name(), TERM, reduction, prediction, target);
    }

    @Override
    public String name() {
        return "l1";
    }
}
