package dev.gradflow.train;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * L2 norms of parameter gradients, accumulated in double in index order (so the result is reproducible). The
 * global norm is the norm of the per-tensor norms, √(Σ_p ‖g_p‖²), as torch.nn.utils.clip_grad_norm_ computes it.
 */
public final class GradientNorms {
    private GradientNorms() {}

    /** ‖g‖₂ = √(Σ_i g_i²) of one tensor's gradient; 0 when it has none. */
    public static double of(Tensor parameter) {
        float[] g = parameter.gradBufferOrNull();
        return g == null ? 0.0 : Math.sqrt(sumOfSquares(g));
    }

    /** √(Σ_p Σ_i g_{p,i}²) over all the gradients (parameters without one count as zero). */
    public static double global(List<Tensor> parameters) {
        double total = 0.0;
        for (Tensor p : parameters) {
            float[] g = p.gradBufferOrNull();
            if (g == null) continue;
            double norm = Math.sqrt(sumOfSquares(g));
            total += norm * norm;
        }
        return Math.sqrt(total);
    }

    /** The gradient norm of each named parameter, in the map's order. */
    public static Map<String, Double> byName(Map<String, Tensor> namedParameters) {
        Map<String, Double> out = new LinkedHashMap<>();
        namedParameters.forEach((name, p) -> out.put(name, of(p)));
        return out;
    }

    /** Σ g_i² in double, by the kernels' {@link dev.gradflow.backend.Kernels#sumOfSquares} (one SIMD pass). */
    private static double sumOfSquares(float[] g) {
        return KernelProvider.kernels().sumOfSquares(g, 0, g.length);
    }
}
