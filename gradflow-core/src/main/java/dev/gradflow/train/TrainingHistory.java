package dev.gradflow.train;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The record of one training run: the batch loss and learning rate of every step, the metrics of every
 * evaluation, why the run stopped and how long it took.
 */
public final class TrainingHistory {
    private final double[] stepLosses;
    private final double[] stepLearningRates;
    private final List<Evaluation> evaluations;
    private final List<SkippedStep> skippedSteps;
    private final StopReason stopReason;
    private final Duration wallTime;

    private TrainingHistory(double[] stepLosses, double[] stepLearningRates, List<Evaluation> evaluations,
                            List<SkippedStep> skippedSteps, StopReason stopReason, Duration wallTime) {
        this.stepLosses = stepLosses;
        this.stepLearningRates = stepLearningRates;
        this.evaluations = List.copyOf(evaluations);
        this.skippedSteps = List.copyOf(skippedSteps);
        this.stopReason = stopReason;
        this.wallTime = wallTime;
    }

    /** Number of completed optimizer steps. */
    public int steps() {
        return stepLosses.length;
    }

    /** The batch loss of each step, before that step's update (index 0 is step 1). A copy. */
    public double[] stepLosses() {
        return stepLosses.clone();
    }

    /** The learning rate used by each step (index 0 is step 1). A copy. */
    public double[] stepLearningRates() {
        return stepLearningRates.clone();
    }

    /** The batch loss of step 1. */
    public double firstLoss() {
        if (stepLosses.length == 0) throw new IllegalStateException("training history: no step was completed");
        return stepLosses[0];
    }

    /** The batch loss of the last completed step (computed before its update). */
    public double lastLoss() {
        if (stepLosses.length == 0) throw new IllegalStateException("training history: no step was completed");
        return stepLosses[stepLosses.length - 1];
    }

    public List<Evaluation> evaluations() {
        return evaluations;
    }

    /** The last evaluation (after the last step, unless training diverged). */
    public Evaluation lastEvaluation() {
        if (evaluations.isEmpty()) throw new IllegalStateException("training history: no evaluation was made");
        return evaluations.getLast();
    }

    /**
     * The steps skipped for a non-finite loss or gradient ({@link NonFinitePolicy.SkipStep}), oldest first; their
     * losses and learning rates are in {@link #stepLosses()} and {@link #stepLearningRates()} like any step's.
     */
    public List<SkippedStep> skippedSteps() {
        return skippedSteps;
    }

    public StopReason stopReason() {
        return stopReason;
    }

    public Duration wallTime() {
        return wallTime;
    }

    @Override
    public String toString() {
        return "TrainingHistory[steps=" + steps() + ", evaluations=" + evaluations.size() + ", stopReason=" + stopReason
                + ", wallTime=" + wallTime + "]";
    }

    /** Collects a run as it goes; the trainer's only mutable view of the history. */
    static final class Recorder {
        private final long startNanos = System.nanoTime();
        private double[] losses = new double[64];
        private double[] learningRates = new double[64];
        private int size;
        private final List<Evaluation> evaluations = new ArrayList<>();
        private final List<SkippedStep> skipped = new ArrayList<>();

        void step(double loss, double learningRate) {
            if (size == losses.length) {
                losses = Arrays.copyOf(losses, size * 2);
                learningRates = Arrays.copyOf(learningRates, size * 2);
            }
            losses[size] = loss;
            learningRates[size] = learningRate;
            size++;
        }

        void evaluation(Evaluation evaluation) {
            evaluations.add(evaluation);
        }

        void skipped(SkippedStep step) {
            skipped.add(step);
        }

        SkippedStep lastSkipped() {
            return skipped.getLast();
        }

        TrainingHistory finish(StopReason reason) {
            return new TrainingHistory(Arrays.copyOf(losses, size), Arrays.copyOf(learningRates, size), evaluations, skipped, reason,
                    Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }
}
