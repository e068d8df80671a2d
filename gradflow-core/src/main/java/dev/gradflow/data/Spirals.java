package dev.gradflow.data;

import java.util.random.RandomGenerator;

/**
 * k interleaved spiral arms in 2-D, as in Stanford CS231n's classic example: class c gets m_c points (n split as
 * evenly as possible, the first n mod k classes one more), point i of m has radius r = i/(m−1) and angle
 * θ = 4c + 4·i/(m−1) + noise·ε with ε ~ N(0, 1), and lies at (r·sin θ, r·cos θ). Features [n, 2], targets [n] in
 * 0..k−1.
 *
 * <p>Draw order: when noise > 0, one {@code nextGaussian()} per point in generation order (class 0 first); then the
 * rows are shuffled.
 */
public record Spirals(int samples, int classes, float noise) implements SyntheticData {
    public static final int DEFAULT_CLASSES = 3;
    public static final float DEFAULT_NOISE = 0.2f;

    public Spirals {
        GeneratorChecks.requirePositive("spirals", "samples", samples);
        GeneratorChecks.requirePositive("spirals", "classes", classes);
        GeneratorChecks.requireNonNegative("spirals", "noise", noise);
        if (samples < classes) {
            throw new IllegalArgumentException("spirals: " + samples + " samples cannot fill " + classes + " classes");
        }
    }

    public static Spirals of(int samples) {
        return new Spirals(samples, DEFAULT_CLASSES, DEFAULT_NOISE);
    }

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }

    @Override
    public Dataset generate(RandomGenerator random) {
        float[] x = new float[samples * 2];
        float[] y = new float[samples];
        int row = 0;
        for (int c = 0; c < classes; c++) {
            int m = samples / classes + (c < samples % classes ? 1 : 0);
            for (int i = 0; i < m; i++, row++) {
                double fraction = m == 1 ? 0 : (double) i / (m - 1);
                double angle = 4.0 * c + 4.0 * fraction;
                if (noise > 0) angle += noise * random.nextGaussian();
                x[2 * row] = (float) (fraction * Math.sin(angle));
                x[2 * row + 1] = (float) (fraction * Math.cos(angle));
                y[row] = c;
            }
        }
        return GeneratorChecks.shuffledRows(x, 2, y, random);
    }
}
