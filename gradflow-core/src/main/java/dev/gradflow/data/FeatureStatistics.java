package dev.gradflow.data;

import dev.gradflow.tensor.Tensor;

/** Per-feature statistics over the rows of a tensor [N, …] seen as [N, F] (F = product of the other dimensions). */
final class FeatureStatistics {
    private FeatureStatistics() {}

    /** F for a tensor [N, …]; fails on a scalar or an empty set. */
    static int width(Tensor x, String who) {
        if (x.rank() == 0 || x.dim(0) == 0) throw new IllegalArgumentException(who + ": needs at least one row, got shape " + x.shape());
        return x.size() / x.dim(0);
    }

    /** Fails unless {@code x} has {@code expected} features per row. */
    static void requireWidth(Tensor x, int expected, String who) {
        int width = width(x, who);
        if (width != expected) {
            throw new IllegalArgumentException(who + ": fitted on " + expected + " features per row but shape " + x.shape()
                    + " has " + width);
        }
    }

    /** Column means, summed in double. */
    static double[] means(Tensor x, int width) {
        float[] data = x.data();
        int n = x.dim(0);
        double[] mean = new double[width];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) mean[j] += data[r * width + j];
        }
        for (int j = 0; j < width; j++) mean[j] /= n;
        return mean;
    }

    /** Population standard deviations √(Σ (x − mean)² / N), two-pass in double. */
    static double[] stds(Tensor x, int width, double[] mean) {
        float[] data = x.data();
        int n = x.dim(0);
        double[] var = new double[width];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) {
                double d = data[r * width + j] - mean[j];
                var[j] += d * d;
            }
        }
        for (int j = 0; j < width; j++) var[j] = Math.sqrt(var[j] / n);
        return var;
    }

    /** (x − shift_j) / scale_j per column, computed in double and rounded once; same shape as x. */
    static Tensor affine(Tensor x, int width, double[] shift, double[] scale) {
        float[] data = x.data();
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            int j = i % width;
            out[i] = (float) ((data[i] - shift[j]) / scale[j]);
        }
        return Tensor.of(out, x.shape());
    }

    static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i];
        return out;
    }

    static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (float) values[i];
        return out;
    }
}
