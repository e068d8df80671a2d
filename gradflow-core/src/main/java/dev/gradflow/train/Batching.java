package dev.gradflow.train;

import dev.gradflow.data.LastBatch;
import dev.gradflow.data.MiniBatches;

/**
 * How each training step picks its examples: the whole training set every step (full-batch gradient descent), or
 * mini-batches of a seeded reshuffle of the training set in every epoch ({@link MiniBatches}).
 */
public sealed interface Batching permits Batching.FullBatch, Batching.MiniBatch {

    /** Every step sees every training example, in their order; one step is one epoch. */
    record FullBatch() implements Batching {}

    /**
     * Batches of {@code batchSize} examples in the order {@link MiniBatches} draws for each epoch from
     * {@code shuffleSeed}; a smaller last batch is kept or dropped as {@code lastBatch} says.
     */
    record MiniBatch(int batchSize, long shuffleSeed, LastBatch lastBatch) implements Batching {
        public MiniBatch {
            if (batchSize < 1) throw new IllegalArgumentException("mini-batch: batch size must be at least 1, got " + batchSize);
            if (lastBatch == null) throw new IllegalArgumentException("mini-batch: lastBatch is required (KEEP or DROP)");
        }
    }

    static Batching fullBatch() {
        return new FullBatch();
    }

    /** Mini-batches keeping a smaller last batch, as PyTorch's DataLoader with {@code drop_last=False}. */
    static Batching miniBatch(int batchSize, long shuffleSeed) {
        return new MiniBatch(batchSize, shuffleSeed, LastBatch.KEEP);
    }
}
