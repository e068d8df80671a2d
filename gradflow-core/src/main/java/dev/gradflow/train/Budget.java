package dev.gradflow.train;

/** How long to train: a number of optimizer steps, or of epochs (passes over the training split). */
public record Budget(long count, Unit unit) {

    public enum Unit {
        STEPS,
        EPOCHS
    }

    public Budget {
        if (count < 1) throw new IllegalArgumentException("training budget: needs at least 1 " + unit + ", got " + count);
        if (unit == null) throw new IllegalArgumentException("training budget: unit is required");
    }

    public static Budget steps(long count) {
        return new Budget(count, Unit.STEPS);
    }

    public static Budget epochs(long count) {
        return new Budget(count, Unit.EPOCHS);
    }

    /** Total optimizer steps when an epoch has {@code batchesPerEpoch} batches. */
    public long totalSteps(int batchesPerEpoch) {
        return unit == Unit.STEPS ? count : Math.multiplyExact(count, (long) batchesPerEpoch);
    }
}
