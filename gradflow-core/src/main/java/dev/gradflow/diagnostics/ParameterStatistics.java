package dev.gradflow.diagnostics;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.MagnitudeSummary;
import dev.gradflow.tensor.Tensor;

/**
 * Computes {@link ParameterStats} (before the update) from a parameter and its gradient. The gradient takes one kernel
 * pass ({@link Kernels#summarizeMagnitudes}: Σg², max|g| over the finite g_i, zeros and NaN/±∞ count together). ‖W‖
 * before the step and the update's norm come from the optimizer's step itself ({@link UpdateMeter}); without a step
 * (analysis at initialization) ‖W‖ takes one more pass ({@link Kernels#sumOfSquares}).
 */
final class ParameterStatistics {
    private ParameterStatistics() {}

    static ParameterStats of(String name, Tensor parameter) {
        return withGradient(name, parameter, weightNorm(parameter));
    }

    /** The gradient's statistics, with ‖W‖ and the update left NaN until the step has been measured. */
    static ParameterStats ofGradient(String name, Tensor parameter) {
        return withGradient(name, parameter, Double.NaN);
    }

    /** ‖W‖₂ of the parameter's current values, one pass. */
    static double weightNorm(Tensor parameter) {
        float[] w = parameter.data();
        return Math.sqrt(KernelProvider.kernels().sumOfSquares(w, 0, w.length));
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
}
