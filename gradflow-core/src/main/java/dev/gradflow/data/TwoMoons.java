package dev.gradflow.data;

import java.util.random.RandomGenerator;

/**
 * Two interleaving half circles in 2-D, as scikit-learn's {@code make_moons}: n_out = ⌊n/2⌋ points
 * (cos t, sin t) of class 0 and n_in = n − n_out points (1 − cos t, 1 − sin t − 0.5) of class 1, with t evenly spaced
 * over [0, π] (linspace, ends included), plus Gaussian noise of standard deviation {@code noise} on each coordinate.
 * Features [n, 2], targets [n] (0 or 1).
 *
 * <p>Draw order: when noise > 0, two {@code nextGaussian()} per point (x then y) in generation order (class 0 points
 * first); then the rows are shuffled.
 */
public record TwoMoons(int samples, float noise) implements SyntheticData {
    public static final float DEFAULT_NOISE = 0.1f;

    public TwoMoons {
        GeneratorChecks.requirePositive("moons", "samples", samples);
        GeneratorChecks.requireNonNegative("moons", "noise", noise);
    }

    public static TwoMoons of(int samples) {
        return new TwoMoons(samples, DEFAULT_NOISE);
    }

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }

    @Override
    public Dataset generate(RandomGenerator random) {
        int outer = samples / 2;
        int inner = samples - outer;
        float[] x = new float[samples * 2];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            boolean isOuter = i < outer;
            int k = isOuter ? i : i - outer;
            int count = isOuter ? outer : inner;
            double t = count == 1 ? 0 : Math.PI * k / (count - 1);
            double px = isOuter ? Math.cos(t) : 1 - Math.cos(t);
            double py = isOuter ? Math.sin(t) : 1 - Math.sin(t) - 0.5;
            if (noise > 0) {
                px += noise * random.nextGaussian();
                py += noise * random.nextGaussian();
            }
            x[2 * i] = (float) px;
            x[2 * i + 1] = (float) py;
            y[i] = isOuter ? 0 : 1;
        }
        return GeneratorChecks.shuffledRows(x, 2, y, random);
    }
}
