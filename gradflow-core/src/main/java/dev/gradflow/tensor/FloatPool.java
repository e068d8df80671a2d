package dev.gradflow.tensor;

import java.util.Arrays;

/**
 * Free lists of float arrays by exact length, for one thread (not thread-safe). Arrays come back with whatever they
 * held; whoever takes one writes it before reading. The pool keeps at most {@link #capacityFloats} floats and lets
 * the garbage collector have the rest, so batches of varying sizes cannot make it grow without bound.
 */
final class FloatPool {
    /** At most 2²⁶ floats (256 MB), and at most a quarter of the heap. */
    static final long DEFAULT_CAPACITY_FLOATS = Math.min(1L << 26, Runtime.getRuntime().maxMemory() / 4 / Float.BYTES);

    private final long capacityFloats;
    private int[] lengths = new int[16];
    private float[][][] stacks = new float[16][][];
    private int[] counts = new int[16];
    private int classes;
    private long pooledFloats;
    private long created;

    FloatPool(long capacityFloats) {
        this.capacityFloats = capacityFloats;
    }

    /** An array of {@code length} floats from the free list (contents undefined), or a new one. */
    float[] take(int length) {
        int c = classOf(length);
        if (c >= 0 && counts[c] > 0) {
            float[] array = stacks[c][--counts[c]];
            stacks[c][counts[c]] = null;
            pooledFloats -= length;
            return array;
        }
        created++;
        return new float[length];
    }

    /** Returns {@code array} to the free lists; the caller must not use it afterwards. */
    void give(float[] array) {
        int length = array.length;
        if (length == 0 || pooledFloats + length > capacityFloats) return;
        int c = classOf(length);
        if (c < 0) c = addClass(length);
        if (counts[c] == stacks[c].length) stacks[c] = Arrays.copyOf(stacks[c], 2 * counts[c]);
        stacks[c][counts[c]++] = array;
        pooledFloats += length;
    }

    /** Floats held in the free lists. */
    long pooledFloats() {
        return pooledFloats;
    }

    /** Arrays {@link #take} had to create because none of the length was free. */
    long created() {
        return created;
    }

    /** Drops every pooled array. */
    void clear() {
        for (int c = 0; c < classes; c++) {
            Arrays.fill(stacks[c], 0, counts[c], null);
            counts[c] = 0;
        }
        pooledFloats = 0;
    }

    private int classOf(int length) {
        for (int c = 0; c < classes; c++) if (lengths[c] == length) return c;
        return -1;
    }

    private int addClass(int length) {
        if (classes == lengths.length) {
            lengths = Arrays.copyOf(lengths, 2 * classes);
            stacks = Arrays.copyOf(stacks, 2 * classes);
            counts = Arrays.copyOf(counts, 2 * classes);
        }
        lengths[classes] = length;
        stacks[classes] = new float[4][];
        return classes++;
    }
}
