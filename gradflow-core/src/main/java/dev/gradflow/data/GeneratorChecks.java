package dev.gradflow.data;

import dev.gradflow.tensor.Tensor;
import java.util.random.RandomGenerator;

/** Shared steps of the {@link SyntheticData} generators: parameter checks and the final row shuffle. */
final class GeneratorChecks {
    private GeneratorChecks() {}

    /** Reorders the rows of a classification set (features of width {@code width}, labels [N]) by a seeded permutation. */
    static Dataset shuffledRows(float[] features, int width, float[] labels, RandomGenerator random) {
        int n = labels.length;
        int[] order = Permutations.shuffled(n, random);
        float[] x = new float[features.length];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(features, order[i] * width, x, i * width, width);
            y[i] = labels[order[i]];
        }
        return new Dataset(Tensor.of(x, n, width), Tensor.of(y, n));
    }

    /** Fails unless {@code value} is positive, naming the generator and the parameter. */
    static void requirePositive(String generator, String parameter, int value) {
        if (value <= 0) throw new IllegalArgumentException(generator + ": " + parameter + " must be positive, got " + value);
    }

    /** Fails unless {@code value} is finite and non-negative. */
    static void requireNonNegative(String generator, String parameter, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(generator + ": " + parameter + " must be a finite number ≥ 0, got " + value);
        }
    }
}
