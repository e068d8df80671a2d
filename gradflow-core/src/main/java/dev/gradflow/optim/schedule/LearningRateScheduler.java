package dev.gradflow.optim.schedule;

import dev.gradflow.optim.Optimizer;

/**
 * Applies a {@link LearningRateSchedule} to an {@link Optimizer}, like a PyTorch LR scheduler: the base rate is
 * the optimizer's rate when the scheduler is created, and the rate for step 0 is set at once. Call
 * {@link #step()} after each optimizer step, or after each epoch, depending on what the schedule counts:
 * <pre>{@code
 * var scheduler = new LearningRateScheduler(optimizer, new CosineAnnealing(epochs, 0));
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     trainOneEpoch(optimizer);
 *     scheduler.step();
 * }
 * }</pre>
 * Setting the optimizer's rate by hand in between is overwritten at the next {@link #step()}.
 */
public final class LearningRateScheduler {
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private double baseLearningRate;
    private long stepIndex;

    /** What {@link #restore} needs to resume: the base rate and the index of the step in force. */
    public record Position(double baseLearningRate, long stepIndex) {
        public Position {
            if (!(baseLearningRate >= 0) || Double.isInfinite(baseLearningRate)) {
                throw new IllegalArgumentException("scheduler position: base learning rate must be finite and >= 0, got " + baseLearningRate);
            }
            LearningRateSchedule.requireValidStep(stepIndex);
        }
    }

    public LearningRateScheduler(Optimizer optimizer, LearningRateSchedule schedule) {
        if (optimizer == null || schedule == null) {
            throw new IllegalArgumentException("learning-rate scheduler needs an optimizer and a schedule, got " + optimizer + " and " + schedule);
        }
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.baseLearningRate = optimizer.learningRate();
        this.stepIndex = 0;
        apply();
    }

    /** Moves to the next step index and sets the optimizer's rate for it. */
    public void step() {
        stepIndex++;
        apply();
    }

    /** The index of the step whose rate is in force (0 right after construction). */
    public long stepIndex() {
        return stepIndex;
    }

    public double baseLearningRate() {
        return baseLearningRate;
    }

    /** The rate the schedule gives for the current step index. */
    public double learningRate() {
        return schedule.learningRate(baseLearningRate, stepIndex);
    }

    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** For checkpoints: where the scheduler stands. */
    public Position position() {
        return new Position(baseLearningRate, stepIndex);
    }

    /** Resumes at a saved position and sets the optimizer's rate accordingly. */
    public void restore(Position position) {
        if (position == null) throw new IllegalArgumentException("learning-rate scheduler: cannot restore a null position");
        this.baseLearningRate = position.baseLearningRate();
        this.stepIndex = position.stepIndex();
        apply();
    }

    private void apply() {
        optimizer.setLearningRate(learningRate());
    }
}
