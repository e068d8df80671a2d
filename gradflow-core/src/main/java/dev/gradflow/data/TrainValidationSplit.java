package dev.gradflow.data;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A seeded split of one dataset into training and validation parts, as scikit-learn's {@code ShuffleSplit}: draw the
 * permutation p = {@link Permutations#shuffled}(N, random); the first v = ⌈fraction·N⌉ rows of p form the
 * validation set and the rest the training set, each in permutation order. Same generator state, same split.
 */
public record TrainValidationSplit(Dataset train, Dataset validation) {

    /** Splits {@code data}, holding out {@code validationFraction} ∈ (0, 1) of the rows (rounded up). */
    public static TrainValidationSplit split(Dataset data, double validationFraction, RandomGenerator random) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("train/validation split: fraction must be in (0, 1), got " + validationFraction);
        }
        int n = data.size();
        int validation = (int) Math.ceil(validationFraction * n);
        if (validation >= n) {
            throw new IllegalArgumentException("train/validation split: holding out " + validationFraction + " of " + n
                    + " rows leaves no training rows");
        }
        int[] order = Permutations.shuffled(n, random);
        return new TrainValidationSplit(data.rows(Arrays.copyOfRange(order, validation, n)),
                data.rows(Arrays.copyOfRange(order, 0, validation)));
    }
}
