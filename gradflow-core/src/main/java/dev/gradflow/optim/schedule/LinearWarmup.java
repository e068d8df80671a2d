package dev.gradflow.optim.schedule;

/**
 * Scales the rate linearly from {@code startFactor}·η₀ to {@code endFactor}·η₀ over {@code totalIters} steps,
 * then holds it, as {@code torch.optim.lr_scheduler.LinearLR}:
 * <pre>  η_t = η₀·(s + (e − s)·min(t, T) / T)</pre>
 * PyTorch's defaults are s = 1/3, e = 1, T = 5; {@link #of(double, int)} takes e = 1.
 *
 * @param startFactor s ∈ (0, 1]
 * @param endFactor e ∈ [0, 1]
 * @param totalIters T ≥ 1
 */
public record LinearWarmup(double startFactor, double endFactor, int totalIters) implements LearningRateSchedule {

    public LinearWarmup {
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("linear schedule: start_factor must be in (0, 1], got " + startFactor);
        }
        if (!(endFactor >= 0 && endFactor <= 1)) {
            throw new IllegalArgumentException("linear schedule: end_factor must be in [0, 1], got " + endFactor);
        }
        if (totalIters < 1) throw new IllegalArgumentException("linear schedule: total_iters must be >= 1, got " + totalIters);
    }

    /** A warm-up from {@code startFactor}·η₀ up to η₀. */
    public static LinearWarmup of(double startFactor, int totalIters) {
        return new LinearWarmup(startFactor, 1.0, totalIters);
    }

    @Override
    public double learningRate(double baseLearningRate, long step) {
        LearningRateSchedule.requireValidStep(step);
        return baseLearningRate * (startFactor + (endFactor - startFactor) * Math.min(step, totalIters) / totalIters);
    }
}
