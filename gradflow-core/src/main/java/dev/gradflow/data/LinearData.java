package dev.gradflow.data;

import dev.gradflow.tensor.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The linear-regression set of the article gradflow follows: x ~ U[0, 1)^(n×d), y = x·w + noise·ε with
 * ε ~ N(0, 1), features [n, d], targets [n, 1]. The default weights are w = [1, −1, 1, −1, …] of length d and the
 * default noise is 0, so y is exactly x·w.
 *
 * <p>Draw order: the n·d features row-major ({@code nextFloat()}), then, when noise > 0, one
 * {@code nextGaussian()} per row. The sum x·w is taken in double and rounded to float once.
 *
 * @param samples  n
 * @param features d
 * @param weights  w, length d (copied)
 * @param noise    standard deviation of the Gaussian noise added to y
 */
public record LinearData(int samples, int features, float[] weights, float noise) implements SyntheticData {
    /** d in the article's set (and for dataset URIs that give none). */
    public static final int DEFAULT_FEATURES = 10;
    public static final float DEFAULT_NOISE = 0f;

    public LinearData {
        GeneratorChecks.requirePositive("linear", "samples", samples);
        GeneratorChecks.requirePositive("linear", "features", features);
        GeneratorChecks.requireNonNegative("linear", "noise", noise);
        if (weights.length != features) {
            throw new IllegalArgumentException("linear: " + weights.length + " weights for " + features + " features");
        }
        weights = weights.clone();
    }

    /** n samples of d features with the default weights and noise. */
    public static LinearData of(int samples, int features) {
        return new LinearData(samples, features, alternatingWeights(features), DEFAULT_NOISE);
    }

    /** [1, −1, 1, −1, …] of length d. */
    public static float[] alternatingWeights(int features) {
        float[] w = new float[features];
        for (int j = 0; j < features; j++) w[j] = j % 2 == 0 ? 1f : -1f;
        return w;
    }

    public LinearData withNoise(float newNoise) {
        return new LinearData(samples, features, weights, newNoise);
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    @Override
    public Task task() {
        return Task.REGRESSION;
    }

    @Override
    public Dataset generate(RandomGenerator random) {
        Tensor x = Tensor.rand(random, samples, features);
        float[] xs = x.data();
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            double sum = 0;
            for (int j = 0; j < features; j++) sum += (double) xs[i * features + j] * weights[j];
            y[i] = (float) sum;
        }
        if (noise > 0) {
            for (int i = 0; i < samples; i++) y[i] = (float) (y[i] + noise * random.nextGaussian());
        }
        return new Dataset(x, Tensor.of(y, samples, 1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearData other && samples == other.samples && features == other.features
                && Arrays.equals(weights, other.weights) && Float.compare(noise, other.noise) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * samples + features) + Arrays.hashCode(weights)) + Float.hashCode(noise);
    }

    @Override
    public String toString() {
        return "LinearData[samples=" + samples + ", features=" + features + ", weights=" + Arrays.toString(weights)
                + ", noise=" + noise + "]";
    }
}
