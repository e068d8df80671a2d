package dev.gradflow.checkpoint;

import dev.gradflow.train.TrainingState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checkpoint read back: the training state, the caller's description of the run that wrote it, and the gradflow
 * version that wrote it.
 *
 * @param location        the checkpoint directory (or the name of the bytes) it was read from
 * @param state           the state to resume from ({@code Trainer.resume})
 * @param run             what the writer recorded about its run (spec, data, options), for a resuming run to check
 * @param gradflowVersion the gradflow version that wrote it
 */
public record Checkpoint(String location, TrainingState state, Map<String, String> run, String gradflowVersion) {

    public Checkpoint {
        if (location == null || state == null || run == null || gradflowVersion == null) {
            throw new IllegalArgumentException("checkpoint: location, state, run and gradflow version must be given");
        }
        run = Collections.unmodifiableMap(new LinkedHashMap<>(run));
    }

    /** Optimizer steps completed when it was written. */
    public long step() {
        return state.position().step();
    }
}
