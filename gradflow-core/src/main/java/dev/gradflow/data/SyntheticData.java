package dev.gradflow.data;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A generator of a synthetic dataset: a configuration record whose {@link #generate(RandomGenerator)} draws every
 * random number from the generator passed in, in a documented order, so the same generator state always gives the
 * same dataset. Classification generators return their rows shuffled (by {@link Permutations#shuffled}, with the
 * same generator, after all other draws).
 */
public sealed interface SyntheticData permits LinearData, TwoMoons, Spirals, GaussianBlobs, TeacherData {
    /** The number of samples a dataset URI generates when it gives none. */
    int DEFAULT_SAMPLES = 1000;
    /** The seed a dataset URI uses when it gives none. */
    long DEFAULT_SEED = 0;

    /** Draws the dataset from {@code random}. */
    Dataset generate(RandomGenerator random);

    /** Draws the dataset from {@code new SplittableRandom(seed)}: the seeded form used by dataset URIs. */
    default Dataset generate(long seed) {
        return generate(new SplittableRandom(seed));
    }

    /** Whether the targets are class indices [N] or real values [N, k]. */
    Task task();
}
