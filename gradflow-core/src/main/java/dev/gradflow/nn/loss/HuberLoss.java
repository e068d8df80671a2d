package dev.gradflow.nn.loss;

import dev.gradflow.tensor.Tensor;

/**
 * Huber loss, as torch.nn.HuberLoss: with d_i = x_i − y_i,
 * <pre>  ℓ_i = ½·d_i²             if |d_i| &lt; δ
 *  ℓ_i = δ·(|d_i| − ½·δ)    otherwise</pre>
 * reduced by {@link Reduction} (mean by default). Backward: ∂ℓ_i/∂x_i = clamp(d_i, −δ, δ) = −∂ℓ_i/∂y_i.
 * Quadratic near zero, linear (so robust to outliers) beyond δ; δ = 1 by default.
 */
public record HuberLoss(double delta, Reduction reduction) implements Loss {

    /** PyTorch's default threshold δ. */
    public static final double DEFAULT_DELTA = 1.0;

    public HuberLoss {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber loss: delta must be positive and finite, got " + delta);
        }
        if (reduction == null) throw new IllegalArgumentException("huber loss: reduction must not be null");
    }

    /** δ = 1 with the default (mean) reduction. */
    public HuberLoss() {
        this(DEFAULT_DELTA, Reduction.DEFAULT);
    }

    /** The given δ with the default (mean) reduction. */
    public HuberLoss(double delta) {
        this(delta, Reduction.DEFAULT);
    }

    @Override
    public Tensor compute(Tensor prediction, Tensor target) {
        double d0 = delta;
        ElementwiseLoss.Term term = new ElementwiseLoss.Term() {
            public double value(float x, float y) {
                double d = Math.abs((double) x - y);
                return d < d0 ? 0.5 * d * d : d0 * (d - 0.5 * d0);
            }
            public double gradPrediction(float x, float y) { return Math.clamp((double) x - y, -d0, d0); }
            public double gradTarget(float x, float y) { return -Math.clamp((double) x - y, -d0, d0); }
        };
        return ElementwiseLoss.apply(name(), term, reduction, prediction, target);
    }

    @Override
    public String name() {
        return "huber";
    }
}
