package dev.gradflow.train;

import dev.gradflow.nn.Dropout;
import dev.gradflow.nn.Module;
import dev.gradflow.tensor.Tensor;
import java.util.List;

/**
 * What a forward pass in training mode changes besides the graph — BatchNorm's running statistics and the dropout
 * streams — saved before each step so a failed step can be undone and replayed with the same masks. The copies go
 * into arrays allocated once per run.
 */
final class StepRollback {
    private final Tensor[] buffers;
    private final float[][] savedBuffers;
    private final Dropout[] dropouts;
    private final Dropout.RandomState[] savedStreams;

    StepRollback(Module model) {
        this.buffers = model.namedBuffers().values().toArray(Tensor[]::new);
        this.savedBuffers = new float[buffers.length][];
        for (int i = 0; i < buffers.length; i++) savedBuffers[i] = new float[buffers[i].size()];
        List<Dropout> layers = List.copyOf(ModuleTree.dropouts(model).values());
        this.dropouts = layers.toArray(Dropout[]::new);
        this.savedStreams = new Dropout.RandomState[dropouts.length];
    }

    /** Saves the buffers and dropout streams as they are now. */
    void save() {
        for (int i = 0; i < buffers.length; i++) System.arraycopy(buffers[i].data(), 0, savedBuffers[i], 0, savedBuffers[i].length);
        for (int i = 0; i < dropouts.length; i++) savedStreams[i] = dropouts[i].randomState();
    }

    /** Puts back what {@link #save} saved. */
    void restore() {
        for (int i = 0; i < buffers.length; i++) System.arraycopy(savedBuffers[i], 0, buffers[i].data(), 0, savedBuffers[i].length);
        for (int i = 0; i < dropouts.length; i++) dropouts[i].restoreRandomState(savedStreams[i]);
    }
}
