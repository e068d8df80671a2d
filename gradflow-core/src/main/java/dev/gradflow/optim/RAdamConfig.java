package dev.gradflow.optim;

/**
 * Settings of {@link RAdam}, with PyTorch's names and defaults ({@code torch.optim.RAdam}): lr 1e-3,
 * betas (0.9, 0.999), eps 1e-8, weight_decay 0 (coupled).
 *
 * @param learningRate γ (lr), ≥ 0
 * @param beta1 β₁ ∈ [0, 1)
 * @param beta2 β₂ ∈ [0, 1)
 * @param epsilon ε ≥ 0, added to √v (without bias correction, as PyTorch does)
 * @param weightDecay λ ≥ 0
 * @param weightDecayStyle coupled (PyTorch's default) or decoupled ({@code decoupled_weight_decay=True})
 */
public record RAdamConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
                          WeightDecayStyle weightDecayStyle) {

    public RAdamConfig {
        ConfigChecks.nonNegative("radam", "lr", learningRate);
        ConfigChecks.unitIntervalOpen("radam", "beta1", beta1);
        ConfigChecks.unitIntervalOpen("radam", "beta2", beta2);
        ConfigChecks.nonNegative("radam", "eps", epsilon);
        ConfigChecks.nonNegative("radam", "weight_decay", weightDecay);
        ConfigChecks.notNull("radam", "weight decay style", weightDecayStyle);
    }

    /** PyTorch's defaults. */
    public static RAdamConfig defaults() {
        return new RAdamConfig(1e-3, 0.9, 0.999, 1e-8, 0, WeightDecayStyle.COUPLED_L2);
    }

    public RAdamConfig withLearningRate(double value) {
        return new RAdamConfig(value, beta1, beta2, epsilon, weightDecay, weightDecayStyle);
    }

    public RAdamConfig withBetas(double firstMoment, double secondMoment) {
        return new RAdamConfig(learningRate, firstMoment, secondMoment, epsilon, weightDecay, weightDecayStyle);
    }

    public RAdamConfig withEpsilon(double value) {
        return new RAdamConfig(learningRate, beta1, beta2, value, weightDecay, weightDecayStyle);
    }

    public RAdamConfig withWeightDecay(double value) {
        return new RAdamConfig(learningRate, beta1, beta2, epsilon, value, weightDecayStyle);
    }

    public RAdamConfig withWeightDecayStyle(WeightDecayStyle value) {
        return new RAdamConfig(learningRate, beta1, beta2, epsilon, weightDecay, value);
    }
}
