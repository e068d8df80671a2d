package dev.gradflow.optim;

/**
 * Settings of {@link NAdam}, with PyTorch's names and defaults ({@code torch.optim.NAdam}): lr 2e-3,
 * betas (0.9, 0.999), eps 1e-8, weight_decay 0 (coupled), momentum_decay 4e-3.
 *
 * @param learningRate γ (lr), ≥ 0
 * @param beta1 β₁ ∈ [0, 1)
 * @param beta2 β₂ ∈ [0, 1)
 * @param epsilon ε ≥ 0
 * @param weightDecay λ ≥ 0
 * @param momentumDecay ψ ≥ 0 (momentum_decay), sets the momentum schedule μ_t = β₁(1 − ½·0.96^{tψ})
 * @param weightDecayStyle coupled (PyTorch's default) or decoupled ({@code decoupled_weight_decay=True})
 */
public record NAdamConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
                          double momentumDecay, WeightDecayStyle weightDecayStyle) {

    public NAdamConfig {
        ConfigChecks.nonNegative("nadam", "lr", learningRate);
        ConfigChecks.unitIntervalOpen("nadam", "beta1", beta1);
        ConfigChecks.unitIntervalOpen("nadam", "beta2", beta2);
        ConfigChecks.nonNegative("nadam", "eps", epsilon);
        ConfigChecks.nonNegative("nadam", "weight_decay", weightDecay);
        ConfigChecks.nonNegative("nadam", "momentum_decay", momentumDecay);
        ConfigChecks.notNull("nadam", "weight decay style", weightDecayStyle);
    }

    /** PyTorch's defaults. */
    public static NAdamConfig defaults() {
        return new NAdamConfig(2e-3, 0.9, 0.999, 1e-8, 0, 4e-3, WeightDecayStyle.COUPLED_L2);
    }

    public NAdamConfig withLearningRate(double value) {
        return new NAdamConfig(value, beta1, beta2, epsilon, weightDecay, momentumDecay, weightDecayStyle);
    }

    public NAdamConfig withBetas(double firstMoment, double secondMoment) {
        return new NAdamConfig(learningRate, firstMoment, secondMoment, epsilon, weightDecay, momentumDecay, weightDecayStyle);
    }

    public NAdamConfig withEpsilon(double value) {
        return new NAdamConfig(learningRate, beta1, beta2, value, weightDecay, momentumDecay, weightDecayStyle);
    }

    public NAdamConfig withWeightDecay(double value) {
        return new NAdamConfig(learningRate, beta1, beta2, epsilon, value, momentumDecay, weightDecayStyle);
    }

    public NAdamConfig withMomentumDecay(double value) {
        return new NAdamConfig(learningRate, beta1, beta2, epsilon, weightDecay, value, weightDecayStyle);
    }

    public NAdamConfig withWeightDecayStyle(WeightDecayStyle value) {
        return new NAdamConfig(learningRate, beta1, beta2, epsilon, weightDecay, momentumDecay, value);
    }
}
