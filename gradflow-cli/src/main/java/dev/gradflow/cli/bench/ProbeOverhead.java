package dev.gradflow.cli.bench;

import dev.gradflow.diagnostics.ProbeConfig;
import java.util.Arrays;

/**
 * The cost of the gradient-flow probe measured at one training state: {@code mnist_adam} with a probe that records
 * every second step, each step timed on its own, recorded steps against the steps in between. Comparing the
 * {@code mnist_adam} and {@code mnist_adam_probed} workloads instead mixes in how far each has trained (a step's
 * time drifts by ±20% as the loss of the fixed batch falls towards zero), which swamps a 10% effect.
 */
final class ProbeOverhead {
    private ProbeOverhead() {}

    /** The median times of a recorded step and of the step after it. */
    static BenchResults.PairedProbeOverhead measure(long seed, TimingBudget budget) {
        TrainingStep step = Workload.MNIST_ADAM.build(seed, ProbeConfig.defaults().withInterval(2));
        Timing.measure(step::run, budget.withRepetitions(1));
        if (step.steps() % 2 == 1) step.run(); // the next step is a recorded one (steps 1, 3, 5, … are recorded)
        int pairs = Math.max(budget.minRunsPerRepetition(), (int) Math.min(2000, budget.repetitions() * budget.repetitionSeconds()
                / Math.max(1e-6, 2 * secondsPerStep(step))));
        double[] recorded = new double[pairs];
        double[] plain = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            long t0 = System.nanoTime();
            step.run();
            long t1 = System.nanoTime();
            step.run();
            long t2 = System.nanoTime();
            recorded[i] = (t1 - t0) / 1e9;
            plain[i] = (t2 - t1) / 1e9;
        }
        return new BenchResults.PairedProbeOverhead(median(recorded) * 1e3, median(plain) * 1e3);
    }

    /** A rough time per step, from a few steps. */
    private static double secondsPerStep(TrainingStep step) {
        long t0 = System.nanoTime();
        step.run();
        step.run();
        return (System.nanoTime() - t0) / 2e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
