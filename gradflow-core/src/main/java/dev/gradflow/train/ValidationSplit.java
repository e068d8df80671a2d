package dev.gradflow.train;

/**
 * Holds out {@code fraction} of the examples (rounded to whole rows) for validation, chosen by a seeded shuffle;
 * both parts keep the original row order. A fraction of 0 means no validation set.
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

    /** Number of validation rows out of {@code size} examples. */
    public int validationRows(int size) {
        return (int) Math.round(fraction * size);
    }
}
