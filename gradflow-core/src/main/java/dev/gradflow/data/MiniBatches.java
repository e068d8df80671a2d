package dev.gradflow.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A dataset cut into shuffled mini-batches, in an order fixed by a seed.
 *
 * <p>Epoch e visits the rows in the order {@link Permutations#shuffled}(N, new SplittableRandom(s_e)) with
 * s_e = mix64(mix64(seed) + e) (mix64: the SplittableRandom/SplitMix finalizer), cut into consecutive batches of
 * {@code batchSize} rows; the last batch is smaller, or dropped with {@link LastBatch#DROP}. So the same seed always
 * gives the same order for a given epoch, on any machine and whatever epochs were visited before (an epoch can be
 * replayed after a restart), while different epochs get different orders. Batches are copies (via
 * {@link Dataset#rows}), detached from any graph.
 */
public final class MiniBatches {
    private final Dataset data;
    private final int batchSize;
    private final long seed;
    private final LastBatch lastBatch;

    /** Shuffled batches, keeping a smaller last batch. */
    public MiniBatches(Dataset data, int batchSize, long seed) {
        this(data, batchSize, seed, LastBatch.KEEP);
    }

    public MiniBatches(Dataset data, int batchSize, long seed, LastBatch lastBatch) {
        if (batchSize <= 0) throw new IllegalArgumentException("mini-batches: batch size must be positive, got " + batchSize);
        if (lastBatch == LastBatch.DROP && batchSize > data.size()) {
            throw new IllegalArgumentException("mini-batches: batch size " + batchSize + " exceeds the " + data.size()
                    + " rows, so dropping the last partial batch leaves no batch");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.lastBatch = lastBatch;
    }

    /** Batches in every epoch. */
    public int batchCount() {
        int full = data.size() / batchSize;
        return lastBatch == LastBatch.KEEP && data.size() % batchSize != 0 ? full + 1 : full;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The order in which epoch {@code epoch} (0, 1, …) visits the rows (all N rows, even those a DROP leaves out). */
    public int[] order(int epoch) {
        if (epoch < 0) throw new IllegalArgumentException("mini-batches: epoch must be ≥ 0, got " + epoch);
        return Permutations.shuffled(data.size(), new SplittableRandom(mix64(mix64(seed) + epoch)));
    }

    /** The batches of epoch {@code epoch}; each iteration yields the same batches. */
    public Iterable<Dataset> epoch(int epoch) {
        int[] order = order(epoch);
        return () -> batches(data, order, batchSize, batchCount());
    }

    /** The rows in their stored order, in batches of {@code batchSize} (the last one smaller): for evaluation. */
    public static Iterable<Dataset> inOrder(Dataset data, int batchSize) {
        if (batchSize <= 0) throw new IllegalArgumentException("mini-batches: batch size must be positive, got " + batchSize);
        int count = (data.size() + batchSize - 1) / batchSize;
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Dataset next() {
                if (!hasNext()) throw new NoSuchElementException();
                int from = next++ * batchSize;
                return data.slice(from, Math.min(from + batchSize, data.size()));
            }
        };
    }

    private static Iterator<Dataset> batches(Dataset data, int[] order, int batchSize, int count) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Dataset next() {
                if (!hasNext()) throw new NoSuchElementException();
                int from = next++ * batchSize;
                return data.rows(Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length)));
            }
        };
    }

    /** The SplitMix64 finalizer (Stafford's variant 13), a bijection on longs that scatters nearby seeds. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
