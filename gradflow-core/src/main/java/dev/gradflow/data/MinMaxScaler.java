package dev.gradflow.data;

import dev.gradflow.tensor.Tensor;
import java.util.Arrays;

/**
 * Min-max scaling fitted on training data, as scikit-learn's {@code MinMaxScaler} with range [0, 1]:
 * s_ij = (x_ij − min_j) / (max_j − min_j) with the training set's per-feature minimum and maximum. A constant feature
 * (max_j = min_j) is only shifted (divided by 1). Data other than the training set may fall outside [0, 1].
 *
 * @param mins min_j per feature (copied)
 * @param maxs max_j per feature (copied)
 */
public record MinMaxScaler(float[] mins, float[] maxs) {
    public MinMaxScaler {
        if (mins.length != maxs.length || mins.length == 0) {
            throw new IllegalArgumentException("min-max scaler: " + mins.length + " minimums and " + maxs.length + " maximums");
        }
        mins = mins.clone();
        maxs = maxs.clone();
        for (int j = 0; j < mins.length; j++) {
            if (!(maxs[j] >= mins[j])) throw new IllegalArgumentException("min-max scaler: feature " + j + " has max " + maxs[j] + " < min " + mins[j]);
        }
    }

    /** Measures every feature's range over {@code features} [N, …]. */
    public static MinMaxScaler fit(Tensor features) {
        int width = FeatureStatistics.width(features, "min-max scaler");
        float[] min = new float[width];
        float[] max = new float[width];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        float[] data = features.data();
        for (int i = 0; i < data.length; i++) {
            int j = i % width;
            min[j] = Math.min(min[j], data[i]);
            max[j] = Math.max(max[j], data[i]);
        }
        return new MinMaxScaler(min, max);
    }

    public static MinMaxScaler fit(Dataset data) {
        return fit(data.features());
    }

    /** (x − min) / (max − min) per feature, as a new tensor of the same shape. */
    public Tensor apply(Tensor features) {
        FeatureStatistics.requireWidth(features, mins.length, "min-max scaler");
        double[] range = new double[mins.length];
        for (int j = 0; j < range.length; j++) range[j] = maxs[j] > mins[j] ? (double) maxs[j] - mins[j] : 1.0;
        return FeatureStatistics.affine(features, mins.length, FeatureStatistics.toDoubles(mins), range);
    }

    public Dataset apply(Dataset data) {
        return new Dataset(apply(data.features()), data.targets());
    }

    @Override
    public float[] mins() {
        return mins.clone();
    }

    @Override
    public float[] maxs() {
        return maxs.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinMaxScaler other && Arrays.equals(mins, other.mins) && Arrays.equals(maxs, other.maxs);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mins) + Arrays.hashCode(maxs);
    }

    @Override
    public String toString() {
        return "MinMaxScaler[mins=" + Arrays.toString(mins) + ", maxs=" + Arrays.toString(maxs) + "]";
    }
}
