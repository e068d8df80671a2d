package dev.gradflow.optim.schedule;

/**
 * The learning rate as a function of the step index (an epoch or an iteration, whichever the caller counts) and
 * the base learning rate, in closed form: {@code learningRate(base, t)} is the rate in force during step t,
 * t = 0, 1, 2, … — what PyTorch's {@code scheduler.get_last_lr()} reads before the (t+1)-th
 * {@code scheduler.step()}. A schedule has no state; {@link LearningRateScheduler} applies one to an optimizer.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The learning rate in force at step {@code step}.
     *
     * @param baseLearningRate the optimizer's initial learning rate (PyTorch's {@code initial_lr})
     * @param step t ≥ 0
     */
    double learningRate(double baseLearningRate, long step);

    /** The base learning rate at every step. */
    static LearningRateSchedule constant() {
        return (base, step) -> {
            requireValidStep(step);
            return base;
        };
    }

    /** Throws for a negative step index, naming it. */
    static void requireValidStep(long step) {
        if (step < 0) throw new IllegalArgumentException("learning-rate schedule: step index must be >= 0, got " + step);
    }
}
