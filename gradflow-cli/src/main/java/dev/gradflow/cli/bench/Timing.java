package dev.gradflow.cli.bench;

import java.util.Arrays;

/**
 * The time per run of some work, measured under a {@link TimingBudget}.
 *
 * @param medianSeconds     the median over the repetitions of (repetition time / runs per repetition)
 * @param minSeconds        the fastest repetition's time per run
 * @param maxSeconds        the slowest repetition's time per run
 * @param runsPerRepetition runs timed in each repetition
 */
public record Timing(double medianSeconds, double minSeconds, double maxSeconds, int runsPerRepetition) {

    /** Measures {@code work} (warm-up, then timed repetitions; see {@link TimingBudget}). */
    public static Timing measure(Runnable work, TimingBudget budget) {
        long warmupNanos = (long) (budget.warmupSeconds() * 1e9);
        long start = System.nanoTime();
        long runs = 0;
        while (System.nanoTime() - start < warmupNanos || runs < budget.minWarmupRuns()) {
            work.run();
            runs++;
        }
        double perRun = runs == 0 ? 0 : (System.nanoTime() - start) / 1e9 / runs;
        int runsPerRepetition = perRun > 0
                ? (int) Math.max(budget.minRunsPerRepetition(), Math.min(Integer.MAX_VALUE, budget.repetitionSeconds() / perRun))
                : budget.minRunsPerRepetition();
        double[] seconds = new double[budget.repetitions()];
        for (int r = 0; r < seconds.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < runsPerRepetition; i++) work.run();
            seconds[r] = (System.nanoTime() - t0) / 1e9 / runsPerRepetition;
        }
        Arrays.sort(seconds);
        return new Timing(seconds[seconds.length / 2], seconds[0], seconds[seconds.length - 1], runsPerRepetition);
    }
}
