package dev.gradflow.optim.schedule;

/**
 * Multiplies the rate by γ every step, as {@code torch.optim.lr_scheduler.ExponentialLR}:
 * <pre>  η_t = η₀·γᵗ</pre>
 *
 * @param gamma decay factor γ, finite and > 0
 */
public record ExponentialDecay(double gamma) implements LearningRateSchedule {

    public ExponentialDecay {
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("exponential schedule: gamma must be finite and > 0, got " + gamma);
        }
    }

    @Override
    public double learningRate(double baseLearningRate, long step) {
        LearningRateSchedule.requireValidStep(step);
        return baseLearningRate * Math.pow(gamma, step);
    }
}
