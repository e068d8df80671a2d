package dev.gradflow.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The time per run of some work, measured under a {@link TimingBudget}.
 *
 * @param medianSeconds     the median over the repetitions of (repetition time / runs per repetition)
 * @param minSeconds        the fastest repetition's time per run
 * @param maxSeconds        the slowest repetition's time per run
 * @param runsPerRepetition runs timed in each repetition
 * @param warmupSeconds     how long the warm-up took
 * @param steady            whether the warm-up ended steady (else it hit its maximum)
 */
public record Timing(double medianSeconds, double minSeconds, double maxSeconds, int runsPerRepetition, double warmupSeconds,
                     boolean steady) {

    /** Measures {@code work}: warm-up until steady, then timed repetitions (see {@link TimingBudget}). */
    public static Timing measure(Runnable work, TimingBudget budget) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        double bestBefore = Double.POSITIVE_INFINITY;
        double last;
        boolean steady;
        while (true) {
            long compiledBefore = jitTimed ? jit.getTotalCompilationTime() : 0;
            long windowStart = System.nanoTime();
            int runs = 0;
            while (runs < budget.minRunsPerWindow() || System.nanoTime() - windowStart < budget.windowSeconds() * 1e9) {
                work.run();
                runs++;
            }
            long now = System.nanoTime();
            last = (now - windowStart) / 1e9 / runs;
            double elapsed = (now - start) / 1e9;
            // Steady: the JIT compiled nothing during this window, and it neither improved on the earlier windows nor
            // fell behind them (noise).
            boolean compiled = jitTimed && jit.getTotalCompilationTime() != compiledBefore;
            steady = !compiled && Math.abs(last - bestBefore) <= budget.steadyTolerance() * bestBefore;
            bestBefore = Math.min(bestBefore, last);
            if (elapsed >= budget.maxWarmupSeconds() || elapsed >= budget.minWarmupSeconds() && steady) break;
        }
        double warmup = (System.nanoTime() - start) / 1e9;
        int runsPerRepetition = (int) Math.max(budget.minRunsPerRepetition(), Math.min(1_000_000, budget.repetitionSeconds() / last));
        double[] seconds = new double[budget.repetitions()];
        for (int r = 0; r < seconds.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < runsPerRepetition; i++) work.run();
            seconds[r] = (System.nanoTime() - t0) / 1e9 / runsPerRepetition;
        }
        Arrays.sort(seconds);
        return new Timing(seconds[seconds.length / 2], seconds[0], seconds[seconds.length - 1], runsPerRepetition, warmup, steady);
    }
}
