package dev.gradflow.nn;

import dev.gradflow.autograd.ConvOps;
import dev.gradflow.autograd.Window2d;
import dev.gradflow.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * 2-D convolution over NCHW input, as torch.nn.Conv2d (no dilation, one group): weight [out, in, kh, kw],
 * bias [out];
 * <pre>  y[n, f, oh, ow] = b[f] + Σ_{c,i,j} W[f, c, i, j]·x[n, c, oh·sh − ph + i, ow·sw − pw + j]</pre>
 * with zero padding, computed by im2col and GEMM ({@link ConvOps#conv2d}).
 *
 * <p>Default initialization is PyTorch's: W and b ~ U(−1/√fan_in, 1/√fan_in) with fan_in = in·kh·kw
 * (kaiming_uniform with a = √5 reduces to this bound), drawn weight first, then bias.
 */
public final class Conv2d implements Module {
    private final Tensor weight;
    private final Tensor bias;
    private final Window2d window;

    /** A layer with bias and a square kernel, initialized by PyTorch's default from {@code random}. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, RandomGenerator random) {
        this(inChannels, outChannels, Window2d.square(kernelSize, stride, padding), BiasTerm.WITH_BIAS, random);
    }

    /** A layer with the given window (its kernel sets the weight's kh, kw), initialized from {@code random}. */
    public Conv2d(int inChannels, int outChannels, Window2d window, BiasTerm biasTerm, RandomGenerator random) {
        if (inChannels < 1 || outChannels < 1) {
            throw new IllegalArgumentException("conv2d: channels must be >= 1, got in " + inChannels + ", out " + outChannels);
        }
        this(Tensor.zeros(outChannels, inChannels, window.kernelHeight(), window.kernelWidth()),
                biasTerm == BiasTerm.WITH_BIAS ? Tensor.zeros(outChannels) : null, window);
        resetParameters(random);
    }

    /**
     * A layer over the given weight [out, in, kh, kw] and bias [out] (or null for none), which become its
     * parameters; {@code window} gives stride and padding and its kernel must be kh×kw.
     */
    public Conv2d(Tensor weight, Tensor bias, Window2d window) {
        if (weight.rank() != 4) {
            throw new IllegalArgumentException("conv2d: weight must be [out_channels, in_channels, kh, kw], got " + weight.shape());
        }
        if (weight.dim(2) != window.kernelHeight() || weight.dim(3) != window.kernelWidth()) {
            throw new IllegalArgumentException("conv2d: weight " + weight.shape() + " does not match the window's kernel "
                    + window.kernelHeight() + "x" + window.kernelWidth());
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != weight.dim(0))) {
            throw new IllegalArgumentException("conv2d: bias shape " + bias.shape() + " does not fit weight " + weight.shape());
        }
        this.weight = weight.requiresGrad(true);
        this.bias = bias == null ? null : bias.requiresGrad(true);
        this.window = window;
    }

    /** Re-draws W from {@code initializer} (fans from the weight's shape [out, in, kh, kw]); the bias is kept. */
    public void initializeWeight(dev.gradflow.init.Initializer initializer, RandomGenerator random) {
        initializer.fillInPlace(weight, random);
    }

    /** Re-draws W and b from U(−1/√fan_in, 1/√fan_in), fan_in = in·kh·kw. */
    public void resetParameters(RandomGenerator random) {
        int fanIn = inChannels() * window.area();
        float bound = (float) (1.0 / Math.sqrt(Math.max(1, fanIn)));
        fillUniform(weight.data(), bound, random);
        if (bias != null) fillUniform(bias.data(), bound, random);
    }

    private static void fillUniform(float[] d, float bound, RandomGenerator random) {
        for (int i = 0; i < d.length; i++) d[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.rank() != 4 || input.dim(1) != inChannels()) {
            throw new IllegalArgumentException("conv2d: input shape " + input.shape() + " does not fit in_channels = " + inChannels()
                    + " (needs [N, " + inChannels() + ", H, W]; weight " + weight.shape() + ")");
        }
        return ConvOps.conv2d(input, weight, bias, window);
    }

    @Override
    public String kind() {
        return "conv2d";
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null when the layer has none. */
    public Tensor bias() {
        return bias;
    }

    public Window2d window() {
        return window;
    }

    public int inChannels() {
        return weight.dim(1);
    }

    public int outChannels() {
        return weight.dim(0);
    }

    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("weight", weight);
        if (bias != null) m.put("bias", bias);
        return m;
    }
}
