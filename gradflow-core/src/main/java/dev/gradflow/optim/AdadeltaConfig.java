package dev.gradflow.optim;

/**
 * Settings of {@link Adadelta}, with PyTorch's names and defaults ({@code torch.optim.Adadelta}): lr 1.0,
 * rho 0.9, eps 1e-6, weight_decay 0.
 *
 * @param learningRate γ (lr), ≥ 0, scales the update Δ
 * @param rho ρ ∈ [0, 1], decay of both running averages
 * @param epsilon ε ≥ 0, inside both roots
 * @param weightDecay λ ≥ 0: g ← g + λθ
 */
public record AdadeltaConfig(double learningRate, double rho, double epsilon, double weightDecay) {

    public AdadeltaConfig {
        ConfigChecks.nonNegative("adadelta", "lr", learningRate);
        ConfigChecks.unitIntervalClosed("adadelta", "rho", rho);
        ConfigChecks.nonNegative("adadelta", "eps", epsilon);
        ConfigChecks.nonNegative("adadelta", "weight_decay", weightDecay);
    }

    /** PyTorch's defaults. */
    public static AdadeltaConfig defaults() {
        return new AdadeltaConfig(1.0, 0.9, 1e-6, 0);
    }

    public AdadeltaConfig withLearningRate(double value) {
        return new AdadeltaConfig(value, rho, epsilon, weightDecay);
    }

    public AdadeltaConfig withRho(double value) {
        return new AdadeltaConfig(learningRate, value, epsilon, weightDecay);
    }

    public AdadeltaConfig withEpsilon(double value) {
        return new AdadeltaConfig(learningRate, rho, value, weightDecay);
    }

    public AdadeltaConfig withWeightDecay(double value) {
        return new AdadeltaConfig(learningRate, rho, epsilon, value);
    }
}
