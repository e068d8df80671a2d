package dev.gradflow.train;

/**
 * What {@link Trainer} does when a step's loss or global gradient norm is NaN or infinite. Either way the step
 * changes nothing (no update; BatchNorm statistics and dropout streams are put back as they were before it), the
 * checkpoints written so far are kept, and the first layer where a non-finite value appeared is located by
 * replaying the step ({@link NonFiniteOrigin}).
 */
public sealed interface NonFinitePolicy permits NonFinitePolicy.Stop, NonFinitePolicy.SkipStep {

    /** Stop training with a {@link TrainingDivergedException} (the default). */
    record Stop() implements NonFinitePolicy {}

    /**
     * Skip the step (its batch is consumed, no update is made) and go on; the step is listed in
     * {@link TrainingHistory#skippedSteps()}, and its loss and learning rate are recorded as for any step. After
     * {@code maxConsecutive} skipped steps in a row, stop as {@link Stop} does: the run is not recovering.
     */
    record SkipStep(int maxConsecutive) implements NonFinitePolicy {
        public SkipStep {
            if (maxConsecutive < 1) throw new IllegalArgumentException("non-finite policy: max consecutive skipped steps must be >= 1, got " + maxConsecutive);
        }
    }

    /** The default: stop. */
    NonFinitePolicy STOP = new Stop();

    /** Skip up to {@value #DEFAULT_MAX_CONSECUTIVE_SKIPS} steps in a row. */
    int DEFAULT_MAX_CONSECUTIVE_SKIPS = 10;

    static NonFinitePolicy stop() {
        return STOP;
    }

    static NonFinitePolicy skipStep() {
        return new SkipStep(DEFAULT_MAX_CONSECUTIVE_SKIPS);
    }
}
