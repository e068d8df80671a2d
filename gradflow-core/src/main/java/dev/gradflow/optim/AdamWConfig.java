package dev.gradflow.optim;

/**
 * Settings of {@link AdamW}, with PyTorch's names and defaults ({@code torch.optim.AdamW}): lr 1e-3,
 * betas (0.9, 0.999), eps 1e-8, weight_decay 1e-2 (decoupled), amsgrad off.
 *
 * @param learningRate γ (lr), ≥ 0
 * @param beta1 β₁ ∈ [0, 1)
 * @param beta2 β₂ ∈ [0, 1)
 * @param epsilon ε ≥ 0
 * @param weightDecay λ ≥ 0, applied as θ ← θ(1 − γλ)
 * @param variant Adam or AMSGrad
 */
public record AdamWConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, AdamVariant variant) {

    public AdamWConfig {
        ConfigChecks.nonNegative("adamw", "lr", learningRate);
        ConfigChecks.unitIntervalOpen("adamw", "beta1", beta1);
        ConfigChecks.unitIntervalOpen("adamw", "beta2", beta2);
        ConfigChecks.nonNegative("adamw", "eps", epsilon);
        ConfigChecks.nonNegative("adamw", "weight_decay", weightDecay);
        ConfigChecks.notNull("adamw", "variant", variant);
    }

    /** PyTorch's defaults. */
    public static AdamWConfig defaults() {
        return new AdamWConfig(1e-3, 0.9, 0.999, 1e-8, 1e-2, AdamVariant.ADAM);
    }

    /** The same settings as an Adam configuration with decoupled weight decay (what AdamW is). */
    public AdamConfig asAdamConfig() {
        return new AdamConfig(learningRate, beta1, beta2, epsilon, weightDecay, WeightDecayStyle.DECOUPLED, variant);
    }

    public AdamWConfig withLearningRate(double value) {
        return new AdamWConfig(value, beta1, beta2, epsilon, weightDecay, variant);
    }

    public AdamWConfig withBetas(double firstMoment, double secondMoment) {
        return new AdamWConfig(learningRate, firstMoment, secondMoment, epsilon, weightDecay, variant);
    }

    public AdamWConfig withEpsilon(double value) {
        return new AdamWConfig(learningRate, beta1, beta2, value, weightDecay, variant);
    }

    public AdamWConfig withWeightDecay(double value) {
        return new AdamWConfig(learningRate, beta1, beta2, epsilon, value, variant);
    }

    public AdamWConfig withVariant(AdamVariant value) {
        return new AdamWConfig(learningRate, beta1, beta2, epsilon, weightDecay, value);
    }
}
