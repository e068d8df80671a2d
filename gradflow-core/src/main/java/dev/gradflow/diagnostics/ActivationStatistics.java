package dev.gradflow.diagnostics;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.MagnitudeSummary;
import dev.gradflow.backend.RangeSummary;
import dev.gradflow.nn.Module;
import dev.gradflow.tensor.Tensor;

/**
 * Computes {@link LayerStats} from one layer's output tensor and its retained gradient: one kernel pass over the
 * output ({@link Kernels#summarizeRange}: Σy, Σy² and, for sigmoid and tanh layers, the saturated count), one over
 * its gradient ({@link Kernels#summarizeMagnitudes}), and for ReLU layers the dead-unit scan
 * ({@link Kernels#countZeroColumns}).
 */
final class ActivationStatistics {
    /** Examples scanned first for units that are zero in all of them (see {@link #deadFraction}). */
    static final int DEAD_SCAN_PREFIX_ROWS = 16;

    private ActivationStatistics() {}

    static LayerStats of(String name, Module layer, Tensor output, ProbeConfig config) {
        Kernels k = KernelProvider.kernels();
        float[] y = output.data();
        int n = y.length;
        String kind = layer.kind();
        RangeSummary range = switch (kind) {
            case "sigmoid" -> k.summarizeRange(y, n, (float) config.sigmoidLow(), (float) config.sigmoidHigh());
            case "tanh" -> k.summarizeRange(y, n, (float) -config.tanhSaturation(), (float) config.tanhSaturation());
            default -> k.summarizeRange(y, n, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY); // nothing is outside
        };
        double mean = n == 0 ? Double.NaN : range.sum() / n;
        double var = n == 0 ? Double.NaN : Math.max(0, range.sumOfSquares() / n - mean * mean);
        double dead = kind.equals("relu") ? deadFraction(output) : 0.0;

        int batch = output.rank() == 0 ? 1 : output.dim(0);
        float[] g = output.gradBufferOrNull();
        double gradRms = Double.NaN;
        double gradMax = Double.NaN;
        if (g != null) {
            MagnitudeSummary s = k.summarizeMagnitudes(g, 0, g.length);
            double m = s.nonFinite() == 0 ? s.maxAbs() : maxAbsWithNonFinite(g);
            // The loss is the batch mean; ×batch turns ∂mean/∂output into ∂(per-example sum)/∂output.
            gradRms = Math.sqrt(s.sumOfSquares() / Math.max(1, g.length)) * batch;
            gradMax = m * batch;
        }
        return new LayerStats(name, kind, mean, Math.sqrt(var), n == 0 ? 0 : (double) range.outside() / n, dead, gradRms, gradMax);
    }

    /** max |v| where NaN wins (as Math.max propagates it). */
    private static double maxAbsWithNonFinite(float[] g) {
        double m = 0;
        for (float v : g) m = Math.max(m, Math.abs(v));
        return m;
    }

    /**
     * Units (all positions after the batch axis) that are exactly zero for every example in the batch. The first
     * {@link #DEAD_SCAN_PREFIX_ROWS} examples are scanned first: a unit that is zero for every example is zero for
     * those, so when none of them is, no unit is dead and the rest of the batch need not be read.
     */
    private static double deadFraction(Tensor output) {
        if (output.rank() < 2) return 0.0;
        int batch = output.dim(0);
        int units = output.size() / Math.max(1, batch);
        if (units == 0) return 0.0;
        Kernels k = KernelProvider.kernels();
        if (batch > DEAD_SCAN_PREFIX_ROWS && k.countZeroColumns(output.data(), DEAD_SCAN_PREFIX_ROWS, units) == 0) return 0.0;
        return (double) k.countZeroColumns(output.data(), batch, units) / units;
    }
}
