package dev.gradflow.nn.loss;

import dev.gradflow.tensor.Tensor;

/**
 * Binary cross-entropy on logits, as torch.nn.BCEWithLogitsLoss (without weights): for a logit x and a target
 * y ∈ [0, 1], ℓ = −[y·log σ(x) + (1 − y)·log(1 − σ(x))], evaluated in the stable form
 * <pre>  ℓ = max(x, 0) − x·y + log(1 + e^{−|x|})</pre>
 * which never exponentiates a positive number. Reduced by {@link Reduction} (mean by default).
 * Backward: ∂ℓ/∂x = σ(x) − y, ∂ℓ/∂y = −x.
 */
public record BceWithLogitsLoss(Reduction reduction) implements Loss {

    private static final ElementwiseLoss.Term TERM = new ElementwiseLoss.Term() {
        public double value(float x, float y) {
            return Math.max(x, 0.0) - (double) x * y + Math.log1p(Math.exp(-Math.abs((double) x)));
        }
        public double gradPrediction(float x, float y) { return sigmoid(x) - y; }
        public double gradTarget(float x, float y) { return -x; }
    };

    public BceWithLogitsLoss {
        if (reduction == null) throw new IllegalArgumentException("bce_with_logits loss: reduction must not be null");
    }

    /** With the default (mean) reduction. */
    public BceWithLogitsLoss() {
        this(Reduction.DEFAULT);
    }

    @Override
    public Tensor compute(Tensor prediction, Tensor target) {
        return ElementwiseLoss.apply(name(), TERM, reduction, prediction, target);
    }

    @Override
    public String name() {
        return "bce_with_logits";
    }

    /** σ(x) without overflow: 1/(1 + e^{−x}) for x ≥ 0, e^x/(1 + e^x) otherwise. */
    private static double sigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1.0 + e);
    }
}
