package dev.gradflow.diagnostics;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.MagnitudeSummary;
import dev.gradflow.tensor.Tensor;

/**
 * Computes {@link ParameterStats} (before the update) from a parameter and its gradient, and the norm of the
 * update afterwards. The gradient takes one kernel pass ({@link Kernels#summarizeMagnitudes}: Σg², max|g| over the
 * finite g_i, zeros and NaN/±∞ count together), the weights one more ({@link Kernels#sumOfSquares}, or
 * {@link Kernels#copyAndSumSquares} when the probe also keeps them to measure the update), and the update one
 * ({@link Kernels#sumOfSquaredDifferences}).
 */
final class ParameterStatistics {
    private ParameterStatistics() {}

    static ParameterStats of(String name, Tensor parameter) {
        float[] w = parameter.data();
        return withGradient(name, parameter, Math.sqrt(KernelProvider.kernels().sumOfSquares(w, 0, w.length)));
    }

    /** As {@link #of(String, Tensor)}, copying the weights into {@code snapshot} in the same pass over them. */
    static ParameterStats ofAndSnapshot(String name, Tensor parameter, float[] snapshot) {
        float[] w = parameter.data();
        return withGradient(name, parameter, Math.sqrt(KernelProvider.kernels().copyAndSumSquares(w, snapshot, w.length)));
    }

    private static ParameterStats withGradient(String name, Tensor parameter, double weightL2) {
        float[] g = parameter.gradBufferOrNull();
        if (g == null) {
            return new ParameterStats(name, 0, 0, 0, 1, 0, weightL2, Double.NaN, Double.NaN);
        }
        int n = g.length;
        MagnitudeSummary s = KernelProvider.kernels().summarizeMagnitudes(g, 0, n);
        double l2 = s.nonFinite() > 0 ? Double.NaN : Math.sqrt(s.sumOfSquares());
        return new ParameterStats(name, l2, l2 / Math.sqrt(Math.max(1, n)), s.maxAbs(), (double) s.zeros() / Math.max(1, n),
                s.nonFinite(), weightL2, Double.NaN, Double.NaN);
    }

    /** ‖after − before‖₂, each difference rounded to float (a relative error below 2⁻²⁴ in the norm); reads only. */
    static double updateNorm(float[] after, float[] before) {
        return Math.sqrt(KernelProvider.kernels().sumOfSquaredDifferences(after, before, after.length));
    }
}
