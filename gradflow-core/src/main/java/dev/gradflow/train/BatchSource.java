package dev.gradflow.train;

import dev.gradflow.data.Dataset;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Hands out the batches of each epoch over the training split as {@link Batching} says. */
final class BatchSource {
    private final Dataset training;
    private final Batching batching;
    private final SplittableRandom random;
    private final int[] order;
    private final int batchesPerEpoch;

    BatchSource(Dataset training, Batching batching) {
        this.training = training;
        this.batching = batching;
        this.batchesPerEpoch = batching.batchesPerEpoch(training.size());
        if (batching instanceof Batching.MiniBatch mini) {
            this.random = new SplittableRandom(mini.shuffleSeed());
            this.order = new int[training.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
        } else {
            this.random = null;
            this.order = null;
        }
    }

    int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Reshuffles for a new epoch (mini-batches only). */
    void startEpoch() {
        if (random != null) Shuffle.shuffleInPlace(order, random);
    }

    /** Batch {@code index} (0-based) of the current epoch. */
    Dataset batch(int index) {
        return switch (batching) {
            case Batching.FullBatch full -> training;
            case Batching.MiniBatch mini -> {
                int from = index * mini.batchSize();
                int to = Math.min(from + mini.batchSize(), order.length);
                yield training.rows(Arrays.copyOfRange(order, from, to));
            }
        };
    }
}
