package dev.gradflow.cli.bench;

/**
 * How long a measurement warms up and how it is repeated. The repetitions are the PyTorch reference script's: from
 * the warmed-up time per run choose the runs per repetition so that one repetition lasts about
 * {@code repetitionSeconds} (at least {@code minRunsPerRepetition}); time {@code repetitions} repetitions and
 * report the median time per run.
 *
 * <p>The warm-up differs, because PyTorch has no JIT: the script warms up for a fixed 0.5 s, while the JVM runs
 * gradflow's kernels interpreted, hundreds of times slower, until C2 has compiled them, which takes longer on a
 * busy machine. So the warm-up runs in windows of at least {@code windowSeconds} until it has lasted
 * {@code minWarmupSeconds}, the JIT compiled nothing during the last window and that window's time per run is within
 * {@code steadyTolerance} of the best earlier window's (neither faster nor slower), or until {@code maxWarmupSeconds}.
 *
 * @param minWarmupSeconds     shortest warm-up
 * @param maxWarmupSeconds     longest warm-up (the measurement starts then, steady or not)
 * @param windowSeconds        shortest warm-up window
 * @param minRunsPerWindow     fewest runs in a warm-up window
 * @param steadyTolerance      a window within ± this fraction of the best earlier window's time per run is steady
 * @param repetitionSeconds    target duration of one timed repetition
 * @param minRunsPerRepetition fewest runs in one repetition
 * @param repetitions          timed repetitions; the median is reported
 */
public record TimingBudget(double minWarmupSeconds, double maxWarmupSeconds, double windowSeconds, int minRunsPerWindow,
                           double steadyTolerance, double repetitionSeconds, int minRunsPerRepetition, int repetitions) {

    /** Warm-up of 1 to 20 s until steady within 10%; then 7 repetitions of ≥ 0.3 s and ≥ 5 runs, as the script. */
    public static final TimingBudget STANDARD = new TimingBudget(1.0, 20.0, 0.25, 2, 0.10, 0.3, 5, 7);

    /** A smoke test of the whole command (seconds in total); its numbers are not measurements. */
    public static final TimingBudget QUICK = new TimingBudget(0.0, 0.0, 0.0, 1, 1.0, 0.0, 1, 3);

    /** This budget with another number of repetitions. */
    public TimingBudget withRepetitions(int value) {
        return new TimingBudget(minWarmupSeconds, maxWarmupSeconds, windowSeconds, minRunsPerWindow, steadyTolerance,
                repetitionSeconds, minRunsPerRepetition, value);
    }

    public TimingBudget {
        if (!(minWarmupSeconds >= 0) || !(maxWarmupSeconds >= minWarmupSeconds) || !(windowSeconds >= 0) || minRunsPerWindow < 1
                || !(steadyTolerance >= 0) || !(repetitionSeconds >= 0) || minRunsPerRepetition < 1 || repetitions < 1) {
            throw new IllegalArgumentException("timing budget: needs 0 <= min warm-up <= max warm-up, non-negative window, tolerance"
                    + " and repetition times, and at least one run per window and per repetition and one repetition; got " + this);
        }
    }
}
