package dev.gradflow.cli.bench;

/**
 * How long a measurement warms up and how it is repeated, as the PyTorch reference script does it: run for at
 * least {@code warmupSeconds} and {@code minWarmupRuns} runs; from the warm-up's time per run choose the runs per
 * repetition so that one repetition lasts about {@code repetitionSeconds} (at least {@code minRunsPerRepetition});
 * time {@code repetitions} repetitions and report the median time per run.
 *
 * @param warmupSeconds         minimum warm-up time (not timed)
 * @param minWarmupRuns         minimum warm-up runs
 * @param repetitionSeconds     target duration of one timed repetition
 * @param minRunsPerRepetition  minimum runs in one repetition
 * @param repetitions           timed repetitions; the median is reported
 */
public record TimingBudget(double warmupSeconds, int minWarmupRuns, double repetitionSeconds, int minRunsPerRepetition,
                           int repetitions) {

    /**
     * The reference script's repetition scheme (7 repetitions of ≥ 0.3 s, ≥ 5 runs each), with a longer warm-up
     * (1 s instead of 0.5 s) because the JIT compiles the SIMD kernels during the first second.
     */
    public static final TimingBudget STANDARD = new TimingBudget(1.0, 5, 0.3, 5, 7);

    /** A smoke test of the whole command (seconds in total); its numbers are not measurements. */
    public static final TimingBudget QUICK = new TimingBudget(0.0, 1, 0.0, 1, 3);

    public TimingBudget {
        if (!(warmupSeconds >= 0) || !(repetitionSeconds >= 0) || minWarmupRuns < 0 || minRunsPerRepetition < 1 || repetitions < 1) {
            throw new IllegalArgumentException("timing budget: needs non-negative times and warm-up runs, and at least one run"
                    + " per repetition and one repetition; got " + warmupSeconds + " s, " + minWarmupRuns + ", "
                    + repetitionSeconds + " s, " + minRunsPerRepetition + ", " + repetitions);
        }
    }
}
