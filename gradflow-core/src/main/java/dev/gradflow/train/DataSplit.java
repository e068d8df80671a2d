package dev.gradflow.train;

import dev.gradflow.data.Dataset;
import java.util.Arrays;
import java.util.SplittableRandom;

/** The training and (possibly absent) validation parts of a dataset, cut as {@link ValidationSplit} says. */
record DataSplit(Dataset training, Dataset validation) {

    static DataSplit of(Dataset data, ValidationSplit split) {
        if (!split.enabled()) return new DataSplit(data, null);
        int n = data.size();
        int held = split.validationRows(n);
        if (held < 1 || held >= n) {
            throw new IllegalArgumentException("validation split: fraction " + split.fraction() + " of " + n
                    + " examples leaves " + held + " for validation and " + (n - held) + " for training; both need at least one");
        }
        int[] order = Shuffle.permutation(n, new SplittableRandom(split.seed()));
        int[] validationRows = Arrays.copyOfRange(order, 0, held);
        int[] trainingRows = Arrays.copyOfRange(order, held, n);
        Arrays.sort(validationRows);
        Arrays.sort(trainingRows);
        return new DataSplit(data.rows(trainingRows), data.rows(validationRows));
    }
}
