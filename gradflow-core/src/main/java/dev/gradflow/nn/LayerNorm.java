package dev.gradflow.nn;

import dev.gradflow.autograd.NormOps;
import dev.gradflow.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Layer normalization over the last dimensions, as torch.nn.LayerNorm(normalized_shape) with elementwise affine:
 * each group of D = prod(normalized_shape) trailing values is normalized by its own mean and biased variance,
 * <pre>  y = γ⊙(x − μ)/√(σ² + ε) + β</pre>
 * with {@code weight} γ (init 1) and {@code bias} β (init 0) of shape normalized_shape, ε = 1e-5 by default. The
 * same in training and evaluation (no running statistics). See {@link NormOps#layerNorm}.
 */
public final class LayerNorm implements Module {
    public static final float DEFAULT_EPS = 1e-5f;

    private final int[] normalizedShape;
    private final float eps;
    private final Tensor weight;
    private final Tensor bias;

    /** Normalizes over trailing dimensions equal to {@code normalizedShape}, with ε = 1e-5. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, DEFAULT_EPS);
    }

    public LayerNorm(int[] normalizedShape, float eps) {
        if (normalizedShape.length == 0) throw new IllegalArgumentException("layer_norm: normalized shape must not be empty");
        for (int d : normalizedShape) {
            if (d < 1) throw new IllegalArgumentException("layer_norm: normalized shape must be positive, got " + Arrays.toString(normalizedShape));
        }
        if (!(eps > 0f)) throw new IllegalArgumentException("layer_norm: eps must be > 0, got " + eps);
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = Tensor.ones(normalizedShape).requiresGrad(true);
        this.bias = Tensor.zeros(normalizedShape).requiresGrad(true);
    }

    /** γ = 1, β = 0. */
    public void resetParameters() {
        Arrays.fill(weight.data(), 1f);
        Arrays.fill(bias.data(), 0f);
    }

    @Override
    public Tensor forward(Tensor input) {
        return NormOps.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    @Override
    public String kind() {
        return "layer_norm";
    }

    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    public float eps() {
        return eps;
    }

    /** γ, shaped like the normalized shape. */
    public Tensor weight() {
        return weight;
    }

    /** β, shaped like the normalized shape. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("weight", weight);
        m.put("bias", bias);
        return m;
    }
}
