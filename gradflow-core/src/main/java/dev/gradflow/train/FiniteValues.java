package dev.gradflow.train;

import dev.gradflow.data.Dataset;
import dev.gradflow.tensor.Tensor;

/** Rejects empty training data, and data holding NaN or infinite values, before any step is taken. */
final class FiniteValues {
    private FiniteValues() {}

    /**
     * Throws an IllegalArgumentException when there are no rows, or naming the tensor, row and column of the
     * first NaN or infinity.
     */
    static void require(Dataset data) {
        if (data.size() == 0) throw new IllegalArgumentException("training data: no rows (features " + data.features().shape() + ")");
        require("features", data.features());
        require("targets", data.targets());
    }

    private static void require(String what, Tensor t) {
        float[] d = t.data();
        int rows = t.dim(0);
        int columns = rows == 0 ? 0 : d.length / rows;
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                int row = i / columns;
                int column = i % columns;
                throw new IllegalArgumentException("training data: " + what + " row " + row + ", column " + column + " is " + d[i]
                        + " (0-based; " + what + " shape " + t.shape() + "); remove or impute non-finite values before training");
            }
        }
    }
}
