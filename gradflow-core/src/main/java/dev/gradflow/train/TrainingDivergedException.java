package dev.gradflow.train;

/**
 * Thrown when the loss or the global gradient norm becomes NaN or infinite. The message names the step, the
 * value, the learning rate and, when known, where the first non-finite value appeared ({@link #origin()}), with
 * advice; {@link #history()} holds the steps completed before it.
 */
public final class TrainingDivergedException extends RuntimeException {
    private final long step;
    private final double value;
    private final double learningRate;
    private final transient NonFiniteOrigin origin;
    private final transient TrainingHistory history;

    TrainingDivergedException(String quantity, long step, long epoch, double value, double learningRate, TrainingHistory history) {
        this(quantity, step, epoch, value, learningRate, null, null, history);
    }

    /**
     * @param origin        where the first non-finite value appeared, or null when unknown
     * @param circumstance  added after the value (e.g. "10 steps in a row were skipped"), or null
     */
    TrainingDivergedException(String quantity, long step, long epoch, double value, double learningRate, NonFiniteOrigin origin,
                              String circumstance, TrainingHistory history) {
        super("training diverged at step " + step + " (epoch " + epoch + "): the " + quantity + " is " + value
                + " at learning rate " + learningRate + (circumstance == null ? "" : "; " + circumstance)
                + (origin == null ? "" : "; the first non-finite value: " + origin.describe())
                + ". The learning rate may be too high: try one 10 times smaller ("
                + learningRate / 10 + "), or clip gradients by global norm.");
        this.step = step;
        this.value = value;
        this.learningRate = learningRate;
        this.origin = origin;
        this.history = history;
    }

    /** Where the first non-finite value of the failing step appeared, or null when it was not located. */
    public NonFiniteOrigin origin() {
        return origin;
    }

    /** The step (1-based) whose loss or gradient was not finite. */
    public long step() {
        return step;
    }

    /** The offending value (NaN or ±infinity). */
    public double value() {
        return value;
    }

    public double learningRate() {
        return learningRate;
    }

    /** The steps completed before divergence, with stop reason {@link StopReason#DIVERGED}. */
    public TrainingHistory history() {
        return history;
    }
}
