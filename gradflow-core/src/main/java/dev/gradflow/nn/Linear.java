package dev.gradflow.nn;

import dev.gradflow.autograd.MatrixOps;
import dev.gradflow.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Fully connected layer, y = x·Wᵀ + b, as torch.nn.Linear: weight [out, in], bias [out].
 *
 * <p>Default initialization is PyTorch's: W and b ~ U(−1/√in, 1/√in) (kaiming_uniform with a = √5 reduces to this
 * bound), so Var(W) = 1/(3·in) — the "standard" initialization Glorot and Bengio (2010) analyse.
 */
public final class Linear implements Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    /** A layer with bias, initialized by PyTorch's default from {@code random}. */
    public Linear(int inFeatures, int outFeatures, RandomGenerator random) {
        this(Tensor.zeros(outFeatures, inFeatures), Tensor.zeros(outFeatures));
        resetParameters(random);
    }

    /** A layer over the given weight [out, in] and bias [out] (or null for none); they become its parameters. */
    public Linear(Tensor weight, Tensor bias) {
        if (weight.rank() != 2) throw new IllegalArgumentException("linear: weight must be [out, in], got " + weight.shape());
        this.outFeatures = weight.dim(0);
        this.inFeatures = weight.dim(1);
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != outFeatures)) {
            throw new IllegalArgumentException("linear: bias shape " + bias.shape() + " does not fit weight " + weight.shape());
        }
        this.weight = weight.requiresGrad(true);
        this.bias = bias == null ? null : bias.requiresGrad(true);
    }

    /** Re-draws W and b from U(−1/√in, 1/√in). */
    public void resetParameters(RandomGenerator random) {
        float bound = (float) (1.0 / Math.sqrt(Math.max(1, inFeatures)));
        fillUniform(weight.data(), bound, random);
        if (bias != null) fillUniform(bias.data(), bound, random);
    }

    private static void fillUniform(float[] d, float bound, RandomGenerator random) {
        for (int i = 0; i < d.length; i++) d[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }

    @Override
    public Tensor forward(Tensor input) {
        return MatrixOps.linear(input, weight, bias);
    }

    @Override
    public String kind() {
        return "linear";
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null when the layer has none. */
    public Tensor bias() {
        return bias;
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("weight", weight);
        if (bias != null) m.put("bias", bias);
        return m;
    }
}
