package dev.gradflow.diagnostics;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.Kernels;
import dev.gradflow.tensor.Tensor;

/**
 * Computes {@link ParameterStats} (before the update) from a parameter and its gradient, and the norm of the
 * update afterwards. Each statistic is one kernel pass ({@link Kernels#sumOfSquares}, {@link Kernels#maxAbs},
 * {@link Kernels#countZeros}); a gradient holding NaN or ±∞ (its sum of squares is then not finite) takes a
 * slower pass that counts them and keeps them out of the maximum.
 */
final class ParameterStatistics {
    private ParameterStatistics() {}

    static ParameterStats of(String name, Tensor parameter) {
        Kernels k = KernelProvider.kernels();
        float[] w = parameter.data();
        double weightL2 = Math.sqrt(k.sumOfSquares(w, 0, w.length));
        float[] g = parameter.gradBufferOrNull();
        if (g == null) {
            return new ParameterStats(name, 0, 0, 0, 1, 0, weightL2, Double.NaN, Double.NaN);
        }
        int n = g.length;
        double gSq = k.sumOfSquares(g, 0, n);
        double max;
        long zeros;
        long nonFinite = 0;
        if (Double.isFinite(gSq)) {
            max = k.maxAbs(g, 0, n);
            zeros = k.countZeros(g, 0, n);
        } else {
            gSq = 0;
            max = 0;
            zeros = 0;
            for (float v : g) {
                if (!Float.isFinite(v)) {
                    nonFinite++;
                    continue;
                }
                gSq += (double) v * v;
                max = Math.max(max, Math.abs(v));
                if (v == 0f) zeros++;
            }
        }
        double l2 = nonFinite > 0 ? Double.NaN : Math.sqrt(gSq);
        return new ParameterStats(name, l2, l2 / Math.sqrt(Math.max(1, n)), max, (double) zeros / Math.max(1, n), nonFinite,
                weightL2, Double.NaN, Double.NaN);
    }

    /**
     * ‖after − before‖₂, overwriting {@code before} with the difference (each difference rounded to float, a
     * relative error below 2⁻²⁴ in the norm).
     */
    static double updateNorm(float[] after, float[] before) {
        Kernels k = KernelProvider.kernels();
        k.sub(after, before, before, after.length);
        return Math.sqrt(k.sumOfSquares(before, 0, after.length));
    }
}
