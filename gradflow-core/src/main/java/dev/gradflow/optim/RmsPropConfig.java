package dev.gradflow.optim;

/**
 * Settings of {@link RmsProp}, with PyTorch's names and defaults ({@code torch.optim.RMSprop}): lr 1e-2,
 * alpha 0.99, eps 1e-8, weight_decay 0, momentum 0, centered off.
 *
 * @param learningRate γ (lr), ≥ 0
 * @param alpha α ≥ 0, decay of the squared-gradient average
 * @param epsilon ε ≥ 0, added to the root
 * @param weightDecay λ ≥ 0: g ← g + λθ
 * @param momentum μ ≥ 0 (0 turns the momentum buffer off)
 * @param centering whether the variance estimate subtracts the squared mean gradient
 */
public record RmsPropConfig(double learningRate, double alpha, double epsilon, double weightDecay, double momentum,
                            Centering centering) {

    /** PyTorch's {@code centered} flag as a named choice. */
    public enum Centering {
        UNCENTERED,
        CENTERED
    }

    public RmsPropConfig {
        ConfigChecks.nonNegative("rmsprop", "lr", learningRate);
        ConfigChecks.nonNegative("rmsprop", "alpha", alpha);
        ConfigChecks.nonNegative("rmsprop", "eps", epsilon);
        ConfigChecks.nonNegative("rmsprop", "weight_decay", weightDecay);
        ConfigChecks.nonNegative("rmsprop", "momentum", momentum);
        ConfigChecks.notNull("rmsprop", "centering", centering);
    }

    /** PyTorch's defaults. */
    public static RmsPropConfig defaults() {
        return new RmsPropConfig(1e-2, 0.99, 1e-8, 0, 0, Centering.UNCENTERED);
    }

    public RmsPropConfig withLearningRate(double value) {
        return new RmsPropConfig(value, alpha, epsilon, weightDecay, momentum, centering);
    }

    public RmsPropConfig withAlpha(double value) {
        return new RmsPropConfig(learningRate, value, epsilon, weightDecay, momentum, centering);
    }

    public RmsPropConfig withEpsilon(double value) {
        return new RmsPropConfig(learningRate, alpha, value, weightDecay, momentum, centering);
    }

    public RmsPropConfig withWeightDecay(double value) {
        return new RmsPropConfig(learningRate, alpha, epsilon, value, momentum, centering);
    }

    public RmsPropConfig withMomentum(double value) {
        return new RmsPropConfig(learningRate, alpha, epsilon, weightDecay, value, centering);
    }

    public RmsPropConfig withCentering(Centering value) {
        return new RmsPropConfig(learningRate, alpha, epsilon, weightDecay, momentum, value);
    }
}
