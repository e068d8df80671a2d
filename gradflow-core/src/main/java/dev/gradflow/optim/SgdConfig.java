package dev.gradflow.optim;

/**
 * Settings of {@link Sgd}, with PyTorch's names and defaults ({@code torch.optim.SGD}): lr 1e-3, momentum 0,
 * dampening 0, weight_decay 0, nesterov off. Nesterov momentum needs momentum > 0 and dampening 0, as in PyTorch.
 *
 * @param learningRate γ (lr), ≥ 0
 * @param momentum μ, ≥ 0 (0 turns the momentum buffer off)
 * @param dampening τ, scales the gradient's share of the buffer by 1 − τ after the first step
 * @param weightDecay λ, ≥ 0: g ← g + λθ (equal to an L2 penalty (λ/2)·Σθ²)
 * @param variant classical (heavy-ball) momentum or Nesterov's
 */
public record SgdConfig(double learningRate, double momentum, double dampening, double weightDecay, MomentumVariant variant) {

    /** PyTorch's {@code nesterov} flag as a named choice. */
    public enum MomentumVariant {
        CLASSICAL,
        NESTEROV
    }

    public SgdConfig {
        ConfigChecks.nonNegative("sgd", "lr", learningRate);
        ConfigChecks.nonNegative("sgd", "momentum", momentum);
        ConfigChecks.finite("sgd", "dampening", dampening);
        ConfigChecks.nonNegative("sgd", "weight_decay", weightDecay);
        ConfigChecks.notNull("sgd", "momentum variant", variant);
        if (variant == MomentumVariant.NESTEROV && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("sgd: Nesterov momentum requires momentum > 0 and dampening = 0, got momentum "
                    + momentum + " and dampening " + dampening);
        }
    }

    /** PyTorch's defaults. */
    public static SgdConfig defaults() {
        return new SgdConfig(1e-3, 0, 0, 0, MomentumVariant.CLASSICAL);
    }

    public SgdConfig withLearningRate(double value) {
        return new SgdConfig(value, momentum, dampening, weightDecay, variant);
    }

    public SgdConfig withMomentum(double value) {
        return new SgdConfig(learningRate, value, dampening, weightDecay, variant);
    }

    public SgdConfig withDampening(double value) {
        return new SgdConfig(learningRate, momentum, value, weightDecay, variant);
    }

    public SgdConfig withWeightDecay(double value) {
        return new SgdConfig(learningRate, momentum, dampening, value, variant);
    }

    public SgdConfig withVariant(MomentumVariant value) {
        return new SgdConfig(learningRate, momentum, dampening, weightDecay, value);
    }
}
