package dev.gradflow.train;

/**
 * Receives {@link Trainer}'s state when a checkpoint is due (see {@link CheckpointSchedule}), on the training
 * thread, between two steps. The state is a deep copy the sink may keep. A sink that fails throws; the exception
 * ends {@link Trainer#fit} (a run whose checkpoints cannot be written should not carry on unprotected).
 */
@FunctionalInterface
public interface CheckpointSink {
    void write(TrainingState state);
}
