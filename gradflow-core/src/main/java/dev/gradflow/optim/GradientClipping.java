package dev.gradflow.optim;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.Kernels;
import dev.gradflow.tensor.Tensor;
import java.util.List;

/**
 * Gradient clipping between {@code backward()} and {@code step()}, as {@code torch.nn.utils}. Parameters without
 * a gradient are skipped. Both methods modify the gradients in place.
 */
public final class GradientClipping {
    /** Added to the total norm before dividing, as PyTorch does, so a zero norm never divides by zero. */
    private static final double NORM_GUARD = 1e-6;

    private GradientClipping() {}

    /**
     * Rescales all gradients together so that their joint L2 norm is at most {@code maxNorm}, as
     * {@code clip_grad_norm_(params, max_norm)}:
     * <pre>
     *   total = ‖(‖g₁‖₂, ‖g₂‖₂, …)‖₂ = √(Σ_p Σ_i g_{p,i}²)
     *   c = min(1, maxNorm / (total + 1e-6))
     *   g ← c·g                         for every gradient
     * </pre>
     * Norms are accumulated in double. When {@code total} is NaN or infinite the gradients are left untouched
     * (PyTorch would multiply them by NaN or 0); the caller sees the non-finite value returned and decides
     * (skip the step, stop training, report).
     *
     * @param maxNorm the largest allowed total norm, finite and ≥ 0
     * @return the total norm before clipping
     */
    public static double clipByGlobalNorm(List<Tensor> parameters, double maxNorm) {
        if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clip_grad_norm: max norm must be finite and >= 0, got " + maxNorm);
        }
        double sumOfSquaredNorms = 0;
        for (Tensor p : parameters) {
            float[] g = p.gradBufferOrNull();
            if (g == null) continue;
            double norm = l2Norm(g);
            sumOfSquaredNorms += norm * norm;
        }
        double total = Math.sqrt(sumOfSquaredNorms);
        if (!Double.isFinite(total)) return total;
        double coefficient = maxNorm / (total + NORM_GUARD);
        if (coefficient >= 1) return total;
        for (Tensor p : parameters) {
            float[] g = p.gradBufferOrNull();
            if (g == null) continue;
            for (int i = 0; i < g.length; i++) g[i] = (float) (g[i] * coefficient);
        }
        return total;
    }

    /**
     * Clamps every gradient element into [−clipValue, clipValue], as {@code clip_grad_value_(params, clip_value)}.
     * NaN elements stay NaN.
     *
     * @param clipValue the bound, finite and ≥ 0
     */
    public static void clipByValue(List<Tensor> parameters, double clipValue) {
        if (!(clipValue >= 0) || Double.isInfinite(clipValue)) {
            throw new IllegalArgumentException("clip_grad_value: clip value must be finite and >= 0, got " + clipValue);
        }
        float high = (float) clipValue;
        float low = -high;
        for (Tensor p : parameters) {
            float[] g = p.gradBufferOrNull();
            if (g == null) continue;
            for (int i = 0; i < g.length; i++) {
                float x = g[i];
                if (x > high) g[i] = high;
                else if (x < low) g[i] = low;
            }
        }
    }

    /**
     * ‖g‖₂ accumulated in double ({@link Kernels#sumOfSquares}, the same pass the trainer measures the norm with);
     * NaN if any element is NaN, +∞ if any is infinite.
     */
    static double l2Norm(float[] g) {
        return Math.sqrt(KernelProvider.kernels().sumOfSquares(g, 0, g.length));
    }
}
