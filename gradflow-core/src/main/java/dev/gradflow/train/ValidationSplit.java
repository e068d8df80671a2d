package dev.gradflow.train;

import dev.gradflow.data.TrainValidationSplit;

/**
 * Holds out {@code fraction} of the examples for validation, drawn by {@link TrainValidationSplit} from a
 * {@code SplittableRandom(seed)} (⌈fraction·N⌉ rows). A fraction of 0 means no validation set.
 */
public record ValidationSplit(double fraction, long seed) {
    /** No validation set. */
    public static final ValidationSplit NONE = new ValidationSplit(0.0, 0L);

    public ValidationSplit {
        if (!(fraction >= 0.0 && fraction < 1.0)) {
            throw new IllegalArgumentException("validation split: fraction must be in [0, 1), got " + fraction);
        }
    }

    public boolean enabled() {
        return fraction > 0.0;
    }
}
