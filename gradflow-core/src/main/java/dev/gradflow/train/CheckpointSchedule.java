package dev.gradflow.train;

/**
 * How often {@link Trainer} hands its state to a {@link CheckpointSink}: every {@code interval} steps, or at the
 * end of every {@code interval}-th epoch; and always once more when training ends (budget spent or early stop),
 * unless the last checkpoint is of that very step.
 */
public record CheckpointSchedule(long interval, Budget.Unit unit) {

    public CheckpointSchedule {
        if (interval < 1) throw new IllegalArgumentException("checkpoint schedule: interval must be >= 1, got " + interval);
        if (unit == null) throw new IllegalArgumentException("checkpoint schedule: unit (steps or epochs) is required");
    }

    public static CheckpointSchedule everySteps(long steps) {
        return new CheckpointSchedule(steps, Budget.Unit.STEPS);
    }

    public static CheckpointSchedule everyEpochs(long epochs) {
        return new CheckpointSchedule(epochs, Budget.Unit.EPOCHS);
    }

    /** True when the state after {@code position} is due. */
    boolean due(TrainingPosition position) {
        return unit == Budget.Unit.STEPS ? position.step() % interval == 0
                : position.batchInEpoch() == position.batchesPerEpoch() && position.epoch() % interval == 0;
    }
}
