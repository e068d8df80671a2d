package dev.gradflow.data;

import dev.gradflow.tensor.Tensor;

/** One-hot encoding of class indices: labels [N] with values in 0..k−1 become [N, k] with y[i, label_i] = 1, else 0. */
public final class OneHot {
    private OneHot() {}

    /** Encodes {@code labels} [N] over {@code classes} classes. */
    public static Tensor encode(Tensor labels, int classes) {
        if (classes <= 0) throw new IllegalArgumentException("one-hot: classes must be positive, got " + classes);
        if (labels.rank() != 1) throw new IllegalArgumentException("one-hot: labels must have shape [N], got " + labels.shape());
        int n = labels.dim(0);
        float[] values = labels.data();
        float[] out = new float[n * classes];
        for (int i = 0; i < n; i++) {
            float label = values[i];
            if (!(label >= 0 && label < classes) || label != Math.rint(label)) {
                throw new IllegalArgumentException("one-hot: label " + label + " at row " + i + " is not a class index in 0.."
                        + (classes - 1));
            }
            out[i * classes + (int) label] = 1f;
        }
        return Tensor.of(out, n, classes);
    }

    /** The dataset with its class-index targets one-hot encoded. */
    public static Dataset encode(Dataset data, int classes) {
        return new Dataset(data.features(), encode(data.targets(), classes));
    }
}
