package dev.gradflow.train;

import dev.gradflow.data.Dataset;
import dev.gradflow.data.MiniBatches;
import java.util.List;

/** The batches of each epoch over the training split, as {@link Batching} says. */
final class BatchSource {
    private final Dataset training;
    private final MiniBatches miniBatches;

    BatchSource(Dataset training, Batching batching) {
        this.training = training;
        this.miniBatches = switch (batching) {
            case Batching.FullBatch full -> null;
            case Batching.MiniBatch mini -> new MiniBatches(training, mini.batchSize(), mini.shuffleSeed(), mini.lastBatch());
        };
    }

    int batchesPerEpoch() {
        return miniBatches == null ? 1 : miniBatches.batchCount();
    }

    /** The batches of epoch {@code epochIndex} (0 for the first). */
    Iterable<Dataset> epoch(int epochIndex) {
        return miniBatches == null ? List.of(training) : miniBatches.epoch(epochIndex);
    }
}
