package dev.gradflow.data;

import java.util.random.RandomGenerator;

/** Seeded permutations, used wherever rows are shuffled, so that one seed always gives one order. */
public final class Permutations {
    private Permutations() {}

    /**
     * A uniformly random permutation of 0..n−1 by the Fisher–Yates shuffle: starting from the identity, for
     * i = n−1 down to 1 swap entries i and j = {@code random.nextInt(i + 1)}. It draws exactly n−1 numbers, so the
     * same generator state always gives the same permutation.
     */
    public static int[] shuffled(int n, RandomGenerator random) {
        if (n < 0) throw new IllegalArgumentException("permutation: negative length " + n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
