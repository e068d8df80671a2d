package dev.gradflow.init;

import java.util.random.RandomGenerator;

/** The sampling loops the initializers share; each draws one value per element in row-major order. */
final class Fill {
    private Fill() {}

    /** data[i] ~ U(low, high). */
    static void uniform(float[] data, double low, double high, RandomGenerator random) {
        double width = high - low;
        for (int i = 0; i < data.length; i++) data[i] = (float) (low + width * random.nextDouble());
    }

    /** data[i] ~ U(−bound, bound), Var = bound²/3. */
    static void symmetric(float[] data, double bound, RandomGenerator random) {
        for (int i = 0; i < data.length; i++) data[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }

    /** data[i] ~ N(mean, std²). */
    static void normal(float[] data, double mean, double std, RandomGenerator random) {
        for (int i = 0; i < data.length; i++) data[i] = (float) (mean + std * random.nextGaussian());
    }
}
