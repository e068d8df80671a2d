package dev.gradflow.train;

import dev.gradflow.tensor.Tensor;
import java.util.List;

/**
 * Clipping by global norm, as torch.nn.utils.clip_grad_norm_ with the 2-norm: with
 * ‖g‖ = √(Σ_p Σ_i g_{p,i}²) over every gradient, when c = maxNorm / (‖g‖ + 1e-6) is below 1 every gradient is
 * scaled in place by c. {@link #OFF} (an infinite max norm) never scales but still measures ‖g‖.
 */
public record GradientClipping(double maxNorm) {
    /** Measure the global norm, never scale. */
    public static final GradientClipping OFF = new GradientClipping(Double.POSITIVE_INFINITY);

    /** PyTorch's guard against division by zero in the clip coefficient. */
    private static final double EPSILON = 1e-6;

    public GradientClipping {
        if (!(maxNorm > 0.0)) throw new IllegalArgumentException("gradient clipping: max norm must be > 0, got " + maxNorm);
    }

    public boolean enabled() {
        return maxNorm != Double.POSITIVE_INFINITY;
    }

    /** Measures the global norm of the gradients of {@code parameters} (those without a gradient are skipped) and scales them if needed. */
    public ClippingResult apply(List<Tensor> parameters) {
        double norm = GradientNorms.global(parameters);
        double coefficient = maxNorm / (norm + EPSILON);
        if (!(coefficient < 1.0)) return new ClippingResult(norm, ClippingResult.Action.UNCHANGED);
        float scale = (float) coefficient;
        for (Tensor p : parameters) {
            float[] g = p.gradBufferOrNull();
            if (g == null) continue;
            for (int i = 0; i < g.length; i++) g[i] *= scale;
        }
        return new ClippingResult(norm, ClippingResult.Action.SCALED);
    }
}
