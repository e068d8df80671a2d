package dev.gradflow.nn.loss;

import dev.gradflow.tensor.Tensor;

/**
 * Mean squared error, as torch.nn.MSELoss: ℓ_i = (x_i − y_i)², reduced by {@link Reduction} (mean by default),
 * computed in one fused op. Backward: ∂ℓ_i/∂x_i = 2(x_i − y_i) = −∂ℓ_i/∂y_i.
 */
public record MseLoss(Reduction reduction) implements Loss {

    private static final ElementwiseLoss.Term TERM = new ElementwiseLoss.Term() {
        public double value(float x, float y) {
            double d = (double) x - y;
            return d * d;
        }
        public double gradPrediction(float x, float y) { return 2.0 * ((double) x - y); }
        public double gradTarget(float x, float y) { return -2.0 * ((double) x - y); }
    };

    public MseLoss {
        if (reduction == null) throw new IllegalArgumentException("mse loss: reduction must not be null");
    }

    /** With the default (mean) reduction. */
    public MseLoss() {
        this(Reduction.DEFAULT);
    }

    @Override
    public Tensor compute(Tensor prediction, Tensor target) {
        return ElementwiseLoss.apply(name(), TERM, reduction, prediction, target);
    }

    @Override
    public String name() {
        return "mse";
    }
}
