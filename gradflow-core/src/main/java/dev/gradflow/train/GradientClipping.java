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

    /** Measures the global norm and scales the gradients if needed: {@link #measure} then {@link #scale}. */
    public ClippingResult apply(List<Tensor> parameters) {
        ClippingResult result = measure(parameters);
        scale(parameters, result);
        return result;
    }

    /**
     * Measures ‖g‖ over the gradients of {@code parameters} (those without a gradient are skipped) and decides
     * whether clipping fires (c &lt; 1), without changing any gradient.
     */
    public ClippingResult measure(List<Tensor> parameters) {
        double norm = GradientNorms.global(parameters);
        boolean fires = coefficient(norm) < 1.0;
        return new ClippingResult(norm, fires ? ClippingResult.Action.SCALED : ClippingResult.Action.UNCHANGED);
    }

    /** Scales every gradient in place by c = maxNorm / (‖g‖ + 1e-6) when {@code decision} says clipping fires. */
    public void scale(List<Tensor> parameters, ClippingResult decision) {
        if (!decision.fired()) return;
        float c = (float) coefficient(decision.preClipNorm());
        for (Tensor p : parameters) {
            float[] g = p.gradBufferOrNull();
            if (g == null) continue;
            for (int i = 0; i < g.length; i++) g[i] *= c;
        }
    }

    private double coefficient(double norm) {
        return maxNorm / (norm + EPSILON);
    }
}
