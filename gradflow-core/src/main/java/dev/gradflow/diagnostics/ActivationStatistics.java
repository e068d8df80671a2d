package dev.gradflow.diagnostics;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.Kernels;
import dev.gradflow.nn.Module;
import dev.gradflow.tensor.Tensor;

/**
 * Computes {@link LayerStats} from one layer's output tensor and its retained gradient, one kernel pass per
 * statistic ({@link Kernels#sum}, {@link Kernels#sumOfSquares}, {@link Kernels#maxAbs}); the saturation count
 * (sigmoid and tanh layers) and the dead-unit scan (ReLU layers) run only for the kinds they concern.
 */
final class ActivationStatistics {
    private ActivationStatistics() {}

    static LayerStats of(String name, Module layer, Tensor output, ProbeConfig config) {
        Kernels k = KernelProvider.kernels();
        float[] y = output.data();
        int n = y.length;
        String kind = layer.kind();
        double sum = k.sum(y, 0, n);
        double sumSq = k.sumOfSquares(y, 0, n);
        long saturated = switch (kind) {
            case "sigmoid" -> countOutside(y, (float) config.sigmoidLow(), (float) config.sigmoidHigh());
            case "tanh" -> countOutside(y, (float) -config.tanhSaturation(), (float) config.tanhSaturation());
            default -> 0;
        };
        double mean = n == 0 ? Double.NaN : sum / n;
        double var = n == 0 ? Double.NaN : Math.max(0, sumSq / n - mean * mean);
        double dead = kind.equals("relu") ? deadFraction(output) : 0.0;

        int batch = output.rank() == 0 ? 1 : output.dim(0);
        float[] g = output.gradBufferOrNull();
        double gradRms = Double.NaN;
        double gradMax = Double.NaN;
        if (g != null) {
            double s = k.sumOfSquares(g, 0, g.length);
            double m = Double.isFinite(s) ? k.maxAbs(g, 0, g.length) : maxAbsWithNonFinite(g);
            // The loss is the batch mean; ×batch turns ∂mean/∂output into ∂(per-example sum)/∂output.
            gradRms = Math.sqrt(s / Math.max(1, g.length)) * batch;
            gradMax = m * batch;
        }
        return new LayerStats(name, kind, mean, Math.sqrt(var), n == 0 ? 0 : (double) saturated / n, dead, gradRms, gradMax);
    }

    /** The number of values below {@code low} or above {@code high}. */
    private static long countOutside(float[] y, float low, float high) {
        long count = 0;
        for (float v : y) count += v < low || v > high ? 1 : 0;
        return count;
    }

    /** max |v| where NaN wins (as Math.max propagates it). */
    private static double maxAbsWithNonFinite(float[] g) {
        double m = 0;
        for (float v : g) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** Units (all positions after the batch axis) that are exactly zero for every example in the batch. */
    private static double deadFraction(Tensor output) {
        if (output.rank() < 2) return 0.0;
        int batch = output.dim(0);
        int units = output.size() / Math.max(1, batch);
        if (units == 0) return 0.0;
        float[] y = output.data();
        int dead = 0;
        for (int u = 0; u < units; u++) {
            boolean allZero = true;
            for (int b = 0; b < batch && allZero; b++) allZero = y[b * units + u] == 0f;
            if (allZero) dead++;
        }
        return (double) dead / units;
    }
}
