package dev.gradflow.train;

import dev.gradflow.optim.GradientClipping;
import dev.gradflow.tensor.Tensor;
import java.util.List;

/**
 * The trainer's clipping setting: clip gradients by global L2 norm at {@code maxNorm}, as
 * {@link GradientClipping#clipByGlobalNorm} (torch.nn.utils.clip_grad_norm_): with ‖g‖ = √(Σ_p ‖g_p‖²), when
 * maxNorm / (‖g‖ + 1e-6) &lt; 1 every gradient is scaled by that factor. {@link #OFF} never scales; the trainer
 * measures ‖g‖ every step either way.
 *
 * <p>The work is split in two so listeners can see the raw gradients together with the decision:
 * {@link #measure} (read only), then {@link #apply} (scales when the decision says so).
 */
public record GlobalNormClipping(double maxNorm) {
    /** Measure the global norm, never scale. */
    public static final GlobalNormClipping OFF = new GlobalNormClipping(Double.POSITIVE_INFINITY);

    /** PyTorch's guard added to the norm before dividing (the same as {@link GradientClipping}'s). */
    private static final double NORM_GUARD = 1e-6;

    public GlobalNormClipping {
        if (!(maxNorm > 0.0)) throw new IllegalArgumentException("gradient clipping: max norm must be > 0, got " + maxNorm);
    }

    public boolean enabled() {
        return maxNorm != Double.POSITIVE_INFINITY;
    }

    /** ‖g‖ over the gradients of {@code parameters} and whether clipping will scale them; changes nothing. */
    public ClippingResult measure(List<Tensor> parameters) {
        double norm = GradientNorms.global(parameters);
        boolean fires = enabled() && Double.isFinite(norm) && maxNorm / (norm + NORM_GUARD) < 1.0;
        return new ClippingResult(norm, fires ? ClippingResult.Action.SCALED : ClippingResult.Action.UNCHANGED);
    }

    /** Scales the gradients in place when {@code decision} fired. */
    public void apply(List<Tensor> parameters, ClippingResult decision) {
        if (decision.fired()) GradientClipping.clipByGlobalNorm(parameters, maxNorm);
    }
}
