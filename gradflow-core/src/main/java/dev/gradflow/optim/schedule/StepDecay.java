package dev.gradflow.optim.schedule;

/**
 * Multiplies the rate by γ every {@code stepSize} steps, as {@code torch.optim.lr_scheduler.StepLR}:
 * <pre>  η_t = η₀·γ^⌊t / stepSize⌋</pre>
 *
 * @param stepSize period of the decay, ≥ 1
 * @param gamma decay factor γ, finite and > 0
 */
public record StepDecay(int stepSize, double gamma) implements LearningRateSchedule {

    public StepDecay {
        if (stepSize < 1) throw new IllegalArgumentException("step schedule: step_size must be >= 1, got " + stepSize);
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("step schedule: gamma must be finite and > 0, got " + gamma);
        }
    }

    @Override
    public double learningRate(double baseLearningRate, long step) {
        LearningRateSchedule.requireValidStep(step);
        return baseLearningRate * Math.pow(gamma, step / stepSize);
    }
}
