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

    /**
     * The same examples with features reshaped to [N, F], F the product of the other dimensions (e.g. images
     * [N, 1, 28, 28] → [N, 784]). Shares the storage; targets are unchanged.
     */
    public Dataset flattenFeatures() {
        return new Dataset(features.detach().reshape(size(), features.size() / Math.max(1, size())), targets);
    }

    /** Examples [from, to). */
    public Dataset slice(int from, int to) {
        return new Dataset(features.detach().rows(from, to), targets.detach().rows(from, to));
    }
}
