package dev.gradflow.diagnostics;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.MagnitudeSummary;
import dev.gradflow.backend.ParameterSummary;
import dev.gradflow.tensor.Tensor;

/**
 * Computes {@link ParameterStats} (before the update) from a parameter and its gradient, and the norm of the
 * update afterwards. The gradient takes one kernel pass ({@link Kernels#summarizeMagnitudes}: Σg², max|g| over the
 * finite g_i, zeros and NaN/±∞ count together), the weights one more ({@link Kernels#sumOfSquares}); when the probe
 * also keeps the weights to measure the update, weights, gradient and copy share one pass
 * ({@link Kernels#summarizeParameter}). The update takes one pass ({@link Kernels#sumOfSquaredDifferences}).
 */
final class ParameterStatistics {
    private ParameterStatistics() {}

    static ParameterStats of(String name, Tensor parameter) {
        float[] w = parameter.data();
        return withGradient(name, parameter, Math.sqrt(KernelProvider.kernels().sumOfSquares(w, 0, w.length)));
    }

    /**
     * As {@link #of(String, Tensor)}, copying the weights into {@code snapshot} in the same pass
     * ({@link Kernels#summarizeParameter}: weights and gradient together).
     */
    static ParameterStats ofAndSnapshot(String name, Tensor parameter, float[] snapshot) {
        Kernels k = KernelProvider.kernels();
        float[] w = parameter.data();
        float[] g = parameter.gradBufferOrNull();
        if (g == null) return withoutGradient(name, Math.sqrt(k.copyAndSumSquares(w, snapshot, w.length)));
        ParameterSummary s = k.summarizeParameter(w, g, snapshot, w.length);
        return withGradient(name, g.length, s.gradient(), Math.sqrt(s.weightSumOfSquares()));
    }

    private static ParameterStats withGradient(String name, Tensor parameter, double weightL2) {
        float[] g = parameter.gradBufferOrNull();
        if (g == null) return withoutGradient(name, weightL2);
        return withGradient(name, g.length, KernelProvider.kernels().summarizeMagnitudes(g, 0, g.length), weightL2);
    }

    private static ParameterStats withoutGradient(String name, double weightL2) {
        return new ParameterStats(name, 0, 0, 0, 1, 0, weightL2, Double.NaN, Double.NaN);
    }

    private static ParameterStats withGradient(String name, int n, MagnitudeSummary s, double weightL2) {
        double l2 = s.nonFinite() > 0 ? Double.NaN : Math.sqrt(s.sumOfSquares());
        return new ParameterStats(name, l2, l2 / Math.sqrt(Math.max(1, n)), s.maxAbs(), (double) s.zeros() / Math.max(1, n),
                s.nonFinite(), weightL2, Double.NaN, Double.NaN);
    }

    /** ‖after − before‖₂, each difference rounded to float (a relative error below 2⁻²⁴ in the norm); reads only. */
    static double updateNorm(float[] after, float[] before) {
        return Math.sqrt(KernelProvider.kernels().sumOfSquaredDifferences(after, before, after.length));
    }
}
