package dev.gradflow.lab;

/**
 * Hears how a run advances, for progress bars and log lines. Called from the worker threads, concurrently: an
 * implementation synchronizes what it shares.
 */
public interface RunProgress {
    /** Nothing to show. */
    RunProgress NONE = new RunProgress() {};

    /** Training starts: {@code variants} runs of {@code totalSteps} optimizer (and range-test) steps in all. */
    default void started(int variants, long totalSteps) {}

    /** {@code steps} more steps are done (or will not be taken, when a variant ends early). */
    default void advanced(long steps) {}

    /** A variant ended (complete or failed); {@code ended} of {@code total} have. */
    default void variantEnded(VariantSummary summary, int ended, int total) {}
}
