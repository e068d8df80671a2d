package dev.gradflow.nn;

import dev.gradflow.autograd.MatrixOps;
import dev.gradflow.init.Initializer;
import dev.gradflow.init.Standard;
import dev.gradflow.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Fully connected layer, y = x·Wᵀ + b, as torch.nn.Linear: weight [out, in], bias [out].
 *
 * <p>Default initialization is PyTorch's: W and b ~ U(−1/√in, 1/√in) (kaiming_uniform with a = √5 reduces to this
 * bound), so Var(W) = 1/(3·in) — the "standard" initialization Glorot and Bengio (2010) analyse
 * ({@link Standard}). Other {@link Initializer}s can be given for the weight and the bias; the bias initializer
 * is scaled by the weight's fans, as PyTorch scales its default bias.
 */
public final class Linear implements Module {
    /** PyTorch's default for both weight and bias. */
    public static final Initializer DEFAULT_INITIALIZER = new Standard();

    private final int inFeatures;
    private final int outFeatures;
    private final Tensor weight;
    private final Tensor bias;
    private final Initializer weightInitializer;
    private final Initializer biasInitializer;

    /** A layer with bias, initialized by PyTorch's default from {@code random}. */
    public Linear(int inFeatures, int outFeatures, RandomGenerator random) {
        this(inFeatures, outFeatures, DEFAULT_INITIALIZER, DEFAULT_INITIALIZER, random);
    }

    /** A layer with bias: the weight from {@code weightInitializer}, the bias by PyTorch's default. */
    public Linear(int inFeatures, int outFeatures, Initializer weightInitializer, RandomGenerator random) {
        this(inFeatures, outFeatures, weightInitializer, DEFAULT_INITIALIZER, random);
    }

    /** A layer with bias, filled by the given initializers (weight first, then bias) from {@code random}. */
    public Linear(int inFeatures, int outFeatures, Initializer weightInitializer, Initializer biasInitializer,
                  RandomGenerator random) {
        this(Tensor.zeros(outFeatures, inFeatures), Tensor.zeros(outFeatures), weightInitializer, biasInitializer);
        resetParameters(random);
    }

    /** A layer with or without a bias: the weight from {@code weightInitializer}, the bias by PyTorch's default. */
    public Linear(int inFeatures, int outFeatures, Initializer weightInitializer, BiasTerm biasTerm, RandomGenerator random) {
        this(Tensor.zeros(outFeatures, inFeatures), biasTerm == BiasTerm.WITH_BIAS ? Tensor.zeros(outFeatures) : null,
                weightInitializer, DEFAULT_INITIALIZER);
        resetParameters(random);
    }

    /**
     * A layer over the given weight [out, in] and bias [out] (or null for none); they become its parameters, and
     * {@link #resetParameters} re-draws them by PyTorch's default.
     */
    public Linear(Tensor weight, Tensor bias) {
        this(weight, bias, DEFAULT_INITIALIZER, DEFAULT_INITIALIZER);
    }

    private Linear(Tensor weight, Tensor bias, Initializer weightInitializer, Initializer biasInitializer) {
        if (weightInitializer == null || biasInitializer == null) {
            throw new IllegalArgumentException("linear: initializers must not be null (use Linear.DEFAULT_INITIALIZER for PyTorch's)");
        }
        this.weightInitializer = weightInitializer;
        this.biasInitializer = biasInitializer;
        if (weight.rank() != 2) throw new IllegalArgumentException("linear: weight must be [out, in], got " + weight.shape());
        this.outFeatures = weight.dim(0);
        this.inFeatures = weight.dim(1);
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != outFeatures)) {
            throw new IllegalArgumentException("linear: bias shape " + bias.shape() + " does not fit weight " + weight.shape());
        }
        this.weight = weight.requiresGrad(true);
        this.bias = bias == null ? null : bias.requiresGrad(true);
    }

    /** Re-draws W, then b, from the layer's initializers (by default U(−1/√in, 1/√in) for both). */
    public void resetParameters(RandomGenerator random) {
        weightInitializer.fillInPlace(weight, random);
        if (bias != null) biasInitializer.fillInPlace(bias, weight.shape(), random);
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

    public Initializer weightInitializer() {
        return weightInitializer;
    }

    public Initializer biasInitializer() {
        return biasInitializer;
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
