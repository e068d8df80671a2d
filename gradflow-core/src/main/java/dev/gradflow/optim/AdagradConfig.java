package dev.gradflow.optim;

/**
 * Settings of {@link Adagrad}, with PyTorch's names and defaults ({@code torch.optim.Adagrad}): lr 1e-2,
 * lr_decay 0, weight_decay 0, initial_accumulator_value 0, eps 1e-10.
 *
 * @param learningRate γ (lr), ≥ 0
 * @param learningRateDecay η ≥ 0 (lr_decay): the step size is γ/(1 + (t − 1)η)
 * @param weightDecay λ ≥ 0: g ← g + λθ
 * @param initialAccumulatorValue s₀ ≥ 0, the starting value of the squared-gradient sum
 * @param epsilon ε ≥ 0, added to √s
 */
public record AdagradConfig(double learningRate, double learningRateDecay, double weightDecay,
                            double initialAccumulatorValue, double epsilon) {

    public AdagradConfig {
        ConfigChecks.nonNegative("adagrad", "lr", learningRate);
        ConfigChecks.nonNegative("adagrad", "lr_decay", learningRateDecay);
        ConfigChecks.nonNegative("adagrad", "weight_decay", weightDecay);
        ConfigChecks.nonNegative("adagrad", "initial_accumulator_value", initialAccumulatorValue);
        ConfigChecks.nonNegative("adagrad", "eps", epsilon);
    }

    /** PyTorch's defaults. */
    public static AdagradConfig defaults() {
        return new AdagradConfig(1e-2, 0, 0, 0, 1e-10);
    }

    public AdagradConfig withLearningRate(double value) {
        return new AdagradConfig(value, learningRateDecay, weightDecay, initialAccumulatorValue, epsilon);
    }

    public AdagradConfig withLearningRateDecay(double value) {
        return new AdagradConfig(learningRate, value, weightDecay, initialAccumulatorValue, epsilon);
    }

    public AdagradConfig withWeightDecay(double value) {
        return new AdagradConfig(learningRate, learningRateDecay, value, initialAccumulatorValue, epsilon);
    }

    public AdagradConfig withInitialAccumulatorValue(double value) {
        return new AdagradConfig(learningRate, learningRateDecay, weightDecay, value, epsilon);
    }

    public AdagradConfig withEpsilon(double value) {
        return new AdagradConfig(learningRate, learningRateDecay, weightDecay, initialAccumulatorValue, value);
    }
}
