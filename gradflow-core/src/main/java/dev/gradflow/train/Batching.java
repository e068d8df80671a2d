package dev.gradflow.train;

/**
 * How each training step picks its examples: the whole training set every step (full-batch gradient descent), or
 * mini-batches cut from a seeded reshuffle of the training set at the start of every epoch.
 */
public sealed interface Batching permits Batching.FullBatch, Batching.MiniBatch {

    /** Number of steps in one pass over {@code trainingSize} examples. */
    int batchesPerEpoch(int trainingSize);

    /** Every step sees every training example, in their order; one step is one epoch. */
    record FullBatch() implements Batching {
        @Override
        public int batchesPerEpoch(int trainingSize) {
            return 1;
        }
    }

    /**
     * Batches of {@code batchSize} examples (the last batch of an epoch may be smaller, as PyTorch's DataLoader with
     * {@code drop_last=False}); the order is reshuffled every epoch by a generator seeded once with
     * {@code shuffleSeed}, so the same seed gives the same batches.
     */
    record MiniBatch(int batchSize, long shuffleSeed) implements Batching {
        public MiniBatch {
            if (batchSize < 1) throw new IllegalArgumentException("mini-batch: batch size must be at least 1, got " + batchSize);
        }

        @Override
        public int batchesPerEpoch(int trainingSize) {
            return (trainingSize + batchSize - 1) / batchSize;
        }
    }

    static Batching fullBatch() {
        return new FullBatch();
    }

    static Batching miniBatch(int batchSize, long shuffleSeed) {
        return new MiniBatch(batchSize, shuffleSeed);
    }
}
