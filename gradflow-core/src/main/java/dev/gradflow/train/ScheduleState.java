package dev.gradflow.train;

/**
 * Where the learning-rate schedule stands: the base rate (the optimizer's rate when the run first started, which a
 * resumed optimizer no longer holds) and the schedule index of the last completed step, counted in steps or in
 * epochs ({@code t} of {@code LearningRateSchedule.learningRate(base, t)}). Recorded whether or not the run has a
 * schedule, so a schedule can also be added when resuming.
 */
public record ScheduleState(double baseLearningRate, Budget.Unit counts, long index) {

    public ScheduleState {
        if (!(baseLearningRate >= 0) || Double.isInfinite(baseLearningRate)) {
            throw new IllegalArgumentException("schedule state: base learning rate must be finite and >= 0, got " + baseLearningRate);
        }
        if (counts == null) throw new IllegalArgumentException("schedule state: counts (steps or epochs) is required");
        if (index < 0) throw new IllegalArgumentException("schedule state: index must be >= 0, got " + index);
    }
}
