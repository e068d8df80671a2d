package dev.gradflow.diagnostics;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.MagnitudeSummary;
import dev.gradflow.backend.UpdateSummary;
import dev.gradflow.tensor.Tensor;

/**
 * Computes {@link ParameterStats} (before the update) from a parameter and its gradient, and the norm of the
 * update afterwards. The gradient takes one kernel pass ({@link Kernels#summarizeMagnitudes}: Σg², max|g| over the
 * finite g_i, zeros and NaN/±∞ count together), the weights one more ({@link Kernels#sumOfSquares}). The probe, which
 * also keeps the weights to measure the update, copies them in the gradient's pass
 * ({@link Kernels#summarizeGradientAndCopy}) and takes ‖W‖ and the update's norm in one pass after the step
 * ({@link Kernels#summarizeUpdate}).
 */
final class ParameterStatistics {
    private ParameterStatistics() {}

    static ParameterStats of(String name, Tensor parameter) {
        float[] w = parameter.data();
        return withGradient(name, parameter, Math.sqrt(KernelProvider.kernels().sumOfSquares(w, 0, w.length)));
    }

    /**
     * The gradient's statistics while the weights are copied into {@code snapshot}, in one pass
     * ({@link Kernels#summarizeGradientAndCopy}); ‖W‖ and the update are left NaN for {@link #completed} to fill in
     * after the optimizer step.
     */
    static ParameterStats ofAndSnapshot(String name, Tensor parameter, float[] snapshot) {
        float[] w = parameter.data();
        float[] g = parameter.gradBufferOrNull();
        if (g == null) {
            System.arraycopy(w, 0, snapshot, 0, w.length);
            return withoutGradient(name, Double.NaN);
        }
        return withGradient(name, g.length, KernelProvider.kernels().summarizeGradientAndCopy(g, w, snapshot, w.length), Double.NaN);
    }

    /**
     * {@code pending} with ‖W‖ before the step (from the snapshot) and the update's norm ‖after − snapshot‖, both from
     * one pass ({@link Kernels#summarizeUpdate}).
     */
    static ParameterStats completed(ParameterStats pending, float[] after, float[] snapshot) {
        UpdateSummary s = KernelProvider.kernels().summarizeUpdate(after, snapshot, after.length);
        return pending.withWeightAndUpdate(Math.sqrt(s.beforeSumOfSquares()), Math.sqrt(s.differenceSumOfSquares()));
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
