package dev.gradflow.data;

import java.util.random.RandomGenerator;

/**
 * Isotropic Gaussian clusters, as scikit-learn's {@code make_blobs}: k centers drawn uniformly from
 * [−{@code centerBox}, {@code centerBox})^d, then for each center c (in order) m_c points center_c + std·ε with
 * ε ~ N(0, I_d), where n is split as evenly as possible (the first n mod k centers get one more). Features [n, d],
 * targets [n] = the index of the center.
 *
 * <p>Draw order: the k·d center coordinates row-major ({@code nextDouble()}), then d {@code nextGaussian()} per
 * point in generation order; then the rows are shuffled.
 */
public record GaussianBlobs(int samples, int features, int centers, float std, float centerBox) implements SyntheticData {
    public static final int DEFAULT_FEATURES = 2;
    public static final int DEFAULT_CENTERS = 3;
    public static final float DEFAULT_STD = 1f;
    public static final float DEFAULT_CENTER_BOX = 10f;

    public GaussianBlobs {
        GeneratorChecks.requirePositive("blobs", "samples", samples);
        GeneratorChecks.requirePositive("blobs", "features", features);
        GeneratorChecks.requirePositive("blobs", "centers", centers);
        GeneratorChecks.requireNonNegative("blobs", "std", std);
        GeneratorChecks.requireNonNegative("blobs", "center box", centerBox);
        if (samples < centers) throw new IllegalArgumentException("blobs: " + samples + " samples cannot fill " + centers + " centers");
    }

    public static GaussianBlobs of(int samples) {
        return new GaussianBlobs(samples, DEFAULT_FEATURES, DEFAULT_CENTERS, DEFAULT_STD, DEFAULT_CENTER_BOX);
    }

    /** The centers [k·d] row-major, the first draws of {@link #generate} (so a generator in the same state repeats them). */
    public float[] drawCenters(RandomGenerator random) {
        float[] c = new float[centers * features];
        for (int i = 0; i < c.length; i++) c[i] = (float) (-centerBox + 2.0 * centerBox * random.nextDouble());
        return c;
    }

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }

    @Override
    public Dataset generate(RandomGenerator random) {
        float[] center = drawCenters(random);
        float[] x = new float[samples * features];
        float[] y = new float[samples];
        int row = 0;
        for (int c = 0; c < centers; c++) {
            int m = samples / centers + (c < samples % centers ? 1 : 0);
            for (int i = 0; i < m; i++, row++) {
                for (int j = 0; j < features; j++) {
                    x[row * features + j] = (float) (center[c * features + j] + std * random.nextGaussian());
                }
                y[row] = c;
            }
        }
        return GeneratorChecks.shuffledRows(x, features, y, random);
    }
}
