package dev.gradflow.data;

import dev.gradflow.tensor.Tensor;
import java.util.Arrays;

/**
 * Standardization fitted on training data and applied unchanged to any other data, as scikit-learn's
 * {@code StandardScaler}: z_ij = (x_ij − mean_j) / std_j with the training set's mean_j = Σ_i x_ij / N and
 * population standard deviation std_j = √(Σ_i (x_ij − mean_j)² / N). A feature with std_j = 0 is only centred
 * (divided by 1). Features are the columns of the [N, F] view of a tensor [N, …]; sums are taken in double.
 *
 * <p>Fit on the training split only, then apply the same record to the validation and test splits, so no statistic
 * of held-out data leaks into training.
 *
 * @param means mean_j per feature (copied)
 * @param stds  std_j per feature as measured (0 for constant features; copied)
 */
public record Standardizer(float[] means, float[] stds) {
    public Standardizer {
        if (means.length != stds.length || means.length == 0) {
            throw new IllegalArgumentException("standardizer: " + means.length + " means and " + stds.length + " stds");
        }
        means = means.clone();
        stds = stds.clone();
        for (float s : stds) {
            if (!(s >= 0) || Float.isInfinite(s)) throw new IllegalArgumentException("standardizer: std " + s + " is not finite and ≥ 0");
        }
    }

    /** Measures mean and standard deviation of every feature of {@code features} [N, …]. */
    public static Standardizer fit(Tensor features) {
        int width = FeatureStatistics.width(features, "standardizer");
        double[] mean = FeatureStatistics.means(features, width);
        double[] std = FeatureStatistics.stds(features, width, mean);
        return new Standardizer(FeatureStatistics.toFloats(mean), FeatureStatistics.toFloats(std));
    }

    /** Fits on a dataset's features. */
    public static Standardizer fit(Dataset data) {
        return fit(data.features());
    }

    /** (x − mean) / std per feature, as a new tensor of the same shape. */
    public Tensor apply(Tensor features) {
        FeatureStatistics.requireWidth(features, means.length, "standardizer");
        double[] scale = FeatureStatistics.toDoubles(stds);
        for (int j = 0; j < scale.length; j++) if (scale[j] == 0) scale[j] = 1;
        return FeatureStatistics.affine(features, means.length, FeatureStatistics.toDoubles(means), scale);
    }

    /** The dataset with standardized features and the same targets. */
    public Dataset apply(Dataset data) {
        return new Dataset(apply(data.features()), data.targets());
    }

    @Override
    public float[] means() {
        return means.clone();
    }

    @Override
    public float[] stds() {
        return stds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer other && Arrays.equals(means, other.means) && Arrays.equals(stds, other.stds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(stds);
    }

    @Override
    public String toString() {
        return "Standardizer[means=" + Arrays.toString(means) + ", stds=" + Arrays.toString(stds) + "]";
    }
}
