package dev.gradflow.optim.schedule;

/**
 * One schedule for the first {@code warmupSteps} steps, another afterwards, as
 * {@code torch.optim.lr_scheduler.SequentialLR(schedulers=[warmup, then], milestones=[warmupSteps])}:
 * <pre>
 *   η_t = warmup(η₀, t)                   for t &lt; warmupSteps
 *   η_t = then(η₀, t − warmupSteps)       for t ≥ warmupSteps
 * </pre>
 * The second schedule starts counting at 0 at the milestone, from the same base rate.
 *
 * @param warmup the schedule before the milestone
 * @param then the schedule from the milestone on
 * @param warmupSteps the milestone, ≥ 1
 */
public record WarmupThen(LearningRateSchedule warmup, LearningRateSchedule then, int warmupSteps) implements LearningRateSchedule {

    public WarmupThen {
        if (warmup == null || then == null) {
            throw new IllegalArgumentException("warm-up schedule: both schedules are required, got warmup " + warmup + " and then " + then);
        }
        if (warmupSteps < 1) throw new IllegalArgumentException("warm-up schedule: warm-up steps must be >= 1, got " + warmupSteps);
    }

    @Override
    public double learningRate(double baseLearningRate, long step) {
        LearningRateSchedule.requireValidStep(step);
        return step < warmupSteps ? warmup.learningRate(baseLearningRate, step)
                : then.learningRate(baseLearningRate, step - warmupSteps);
    }
}
