package dev.gradflow.checkpoint;

/**
 * A checkpoint that cannot be read, is incomplete or corrupt, or does not fit the run resuming from it. The message
 * names the checkpoint (its directory), then the file and field at fault and what is wrong, e.g.
 * {@code run/checkpoints/step-000000120: checkpoint.json: position.step: expected an integer >= 1, got -3}.
 */
public final class CheckpointException extends IllegalArgumentException {
    private final String source;

    /**
     * @param source  the checkpoint directory (or name of the bytes) being read
     * @param problem what is wrong, starting with the file and field where known
     */
    public CheckpointException(String source, String problem) {
        super((source == null ? "checkpoint" : source) + ": " + problem);
        this.source = source;
    }

    /** As {@link #CheckpointException(String, String)}, keeping the underlying cause. */
    public CheckpointException(String source, String problem, Throwable cause) {
        this(source, problem);
        initCause(cause);
    }

    /** The checkpoint directory or name of the bytes being read. */
    public String source() {
        return source;
    }
}
