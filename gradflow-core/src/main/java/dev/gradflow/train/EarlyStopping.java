package dev.gradflow.train;

/**
 * Stops training when the validation loss has not improved on its best value by more than {@code minDelta} for
 * {@code patience} evaluations in a row (the rule of Keras' and Lightning's EarlyStopping in "min" mode).
 * A patience of 0 means early stopping is off.
 */
public record EarlyStopping(int patience, double minDelta) {
    /** Never stop early. */
    public static final EarlyStopping OFF = new EarlyStopping(0, 0.0);

    public EarlyStopping {
        if (patience < 0) throw new IllegalArgumentException("early stopping: patience must be >= 0, got " + patience);
        if (!(minDelta >= 0.0)) throw new IllegalArgumentException("early stopping: min delta must be >= 0, got " + minDelta);
    }

    public boolean enabled() {
        return patience > 0;
    }
}
