package dev.gradflow.train;

import java.util.random.RandomGenerator;

/** Seeded Fisher–Yates shuffles. */
final class Shuffle {
    private Shuffle() {}

    /** A uniformly random permutation of 0 … n−1 drawn from {@code random}. */
    static int[] permutation(int n, RandomGenerator random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        shuffleInPlace(order, random);
        return order;
    }

    /** Shuffles {@code order} in place (Fisher–Yates, from the last position down). */
    static void shuffleInPlace(int[] order, RandomGenerator random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
