package dev.gradflow.data;

import dev.gradflow.tensor.Tensor;

/**
 * Examples as two tensors whose first dimension indexes the example: features [N, …] and targets [N, …] (for
 * classification, targets hold class indices as floats, shape [N]).
 */
public record Dataset(Tensor features, Tensor targets) {
    public Dataset {
        if (features.rank() == 0 || targets.rank() == 0 || features.dim(0) != targets.dim(0)) {
            throw new IllegalArgumentException("dataset: features " + features.shape() + " and targets " + targets.shape()
                    + " must have the same number of rows");
        }
    }

    /** Number of examples. */
    public int size() {
        return features.dim(0);
    }

    /** The examples at the given rows, in that order. */
    public Dataset rows(int[] rows) {
        return new Dataset(features.detach().indexSelect(rows), targets.detach().indexSelect(rows));
    }

    /** Examples [from, to). */
    public Dataset slice(int from, int to) {
        return new Dataset(features.detach().rows(from, to), targets.detach().rows(from, to));
    }
}
