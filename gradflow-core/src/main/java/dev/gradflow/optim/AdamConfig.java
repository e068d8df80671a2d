package dev.gradflow.optim;

/**
 * Settings of {@link Adam}, with PyTorch's names and defaults ({@code torch.optim.Adam}): lr 1e-3,
 * betas (0.9, 0.999), eps 1e-8, weight_decay 0 applied as a coupled L2 term, amsgrad off.
 *
 * @param learningRate γ (lr), ≥ 0
 * @param beta1 β₁ ∈ [0, 1), decay of the first moment
 * @param beta2 β₂ ∈ [0, 1), decay of the second moment
 * @param epsilon ε ≥ 0, added to √v̂
 * @param weightDecay λ ≥ 0
 * @param weightDecayStyle coupled (g ← g + λθ, PyTorch's Adam) or decoupled (θ ← θ(1 − γλ), AdamW)
 * @param variant Adam or AMSGrad
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
                         WeightDecayStyle weightDecayStyle, AdamVariant variant) {

    public AdamConfig {
        ConfigChecks.nonNegative("adam", "lr", learningRate);
        ConfigChecks.unitIntervalOpen("adam", "beta1", beta1);
        ConfigChecks.unitIntervalOpen("adam", "beta2", beta2);
        ConfigChecks.nonNegative("adam", "eps", epsilon);
        ConfigChecks.nonNegative("adam", "weight_decay", weightDecay);
        ConfigChecks.notNull("adam", "weight decay style", weightDecayStyle);
        ConfigChecks.notNull("adam", "variant", variant);
    }

    /** PyTorch's defaults. */
    public static AdamConfig defaults() {
        return new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0, WeightDecayStyle.COUPLED_L2, AdamVariant.ADAM);
    }

    public AdamConfig withLearningRate(double value) {
        return new AdamConfig(value, beta1, beta2, epsilon, weightDecay, weightDecayStyle, variant);
    }

    public AdamConfig withBetas(double firstMoment, double secondMoment) {
        return new AdamConfig(learningRate, firstMoment, secondMoment, epsilon, weightDecay, weightDecayStyle, variant);
    }

    public AdamConfig withEpsilon(double value) {
        return new AdamConfig(learningRate, beta1, beta2, value, weightDecay, weightDecayStyle, variant);
    }

    public AdamConfig withWeightDecay(double value) {
        return new AdamConfig(learningRate, beta1, beta2, epsilon, value, weightDecayStyle, variant);
    }

    public AdamConfig withWeightDecayStyle(WeightDecayStyle value) {
        return new AdamConfig(learningRate, beta1, beta2, epsilon, weightDecay, value, variant);
    }

    public AdamConfig withVariant(AdamVariant value) {
        return new AdamConfig(learningRate, beta1, beta2, epsilon, weightDecay, weightDecayStyle, value);
    }
}
