package dev.gradflow.nn;

import dev.gradflow.autograd.NormOps;
import dev.gradflow.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Batch normalization, as torch.nn.BatchNorm1d ({@link Layout#FEATURES}: [N, C] or [N, C, L]) and BatchNorm2d
 * ({@link Layout#CHANNELS}: [N, C, H, W]); each channel c is normalized over its m = N (·L or ·H·W) values.
 *
 * <p>Training ({@link Mode#TRAINING}, the initial mode) uses the batch statistics, the biased variance σ²_B:
 * <pre>  y = γ·(x − μ_B)/√(σ²_B + ε) + β</pre>
 * and then updates the buffers with momentum p, using the <em>unbiased</em> variance as PyTorch does:
 * <pre>  running_mean ← (1 − p)·running_mean + p·μ_B
 *  running_var  ← (1 − p)·running_var  + p·σ²_B·m/(m − 1)
 *  num_batches_tracked ← num_batches_tracked + 1</pre>
 * Evaluation uses the running statistics: y = γ·(x − running_mean)/√(running_var + ε) + β.
 *
 * <p>Parameters {@code weight} (γ, init 1) and {@code bias} (β, init 0); buffers {@code running_mean} (init 0),
 * {@code running_var} (init 1) and {@code num_batches_tracked} (a scalar count, stored as float: exact up to
 * 2²⁴ batches; a state_dict writer should emit it as int64). Defaults: ε = 1e-5, p = 0.1. The running
 * statistics update in training mode even under {@code GradMode.noGrad()}, as in PyTorch.
 */
public final class BatchNorm implements Module {
    public static final float DEFAULT_EPS = 1e-5f;
    public static final float DEFAULT_MOMENTUM = 0.1f;

    /** Which inputs the layer takes: PyTorch's BatchNorm1d or BatchNorm2d. */
    public enum Layout {
        /** [N, C] or [N, C, L] (BatchNorm1d). */
        FEATURES,
        /** [N, C, H, W] (BatchNorm2d). */
        CHANNELS
    }

    /** Channel count, ε and momentum, validated. */
    public record Config(int numFeatures, float eps, float momentum) {
        public Config {
            if (numFeatures < 1) throw new IllegalArgumentException("batch_norm: num_features must be >= 1, got " + numFeatures);
            if (!(eps > 0f)) throw new IllegalArgumentException("batch_norm: eps must be > 0, got " + eps);
            if (!(momentum >= 0f && momentum <= 1f)) throw new IllegalArgumentException("batch_norm: momentum must be in [0, 1], got " + momentum);
        }

        /** PyTorch's defaults: ε = 1e-5, momentum 0.1. */
        public static Config of(int numFeatures) {
            return new Config(numFeatures, DEFAULT_EPS, DEFAULT_MOMENTUM);
        }
    }

    private final Layout layout;
    private final Config config;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;
    private Mode mode = Mode.TRAINING;

    public BatchNorm(Layout layout, Config config) {
        this.layout = layout;
        this.config = config;
        int c = config.numFeatures();
        this.weight = Tensor.ones(c).requiresGrad(true);
        this.bias = Tensor.zeros(c).requiresGrad(true);
        this.runningMean = Tensor.zeros(c);
        this.runningVar = Tensor.ones(c);
        this.numBatchesTracked = Tensor.scalar(0f);
    }

    /** BatchNorm1d with PyTorch's defaults over {@code numFeatures} features. */
    public static BatchNorm features(int numFeatures) {
        return new BatchNorm(Layout.FEATURES, Config.of(numFeatures));
    }

    /** BatchNorm2d with PyTorch's defaults over {@code numChannels} channels. */
    public static BatchNorm channels(int numChannels) {
        return new BatchNorm(Layout.CHANNELS, Config.of(numChannels));
    }

    /** γ = 1, β = 0. */
    public void resetParameters() {
        Arrays.fill(weight.data(), 1f);
        Arrays.fill(bias.data(), 0f);
    }

    /** running_mean = 0, running_var = 1, num_batches_tracked = 0. */
    public void resetRunningStatistics() {
        Arrays.fill(runningMean.data(), 0f);
        Arrays.fill(runningVar.data(), 1f);
        numBatchesTracked.data()[0] = 0f;
    }

    @Override
    public Tensor forward(Tensor input) {
        checkShape(input);
        if (mode == Mode.EVALUATION) {
            return NormOps.batchNormInference(input, weight, bias, runningMean.data(), runningVar.data(), config.eps());
        }
        int c = config.numFeatures();
        float[] mean = new float[c];
        float[] variance = new float[c];
        Tensor out = NormOps.batchNorm(input, weight, bias, config.eps(), mean, variance);
        int count = input.size() / c;
        double p = config.momentum();
        double unbias = (double) count / (count - 1);
        float[] rm = runningMean.data();
        float[] rv = runningVar.data();
        for (int i = 0; i < c; i++) {
            rm[i] = (float) ((1 - p) * rm[i] + p * mean[i]);
            rv[i] = (float) ((1 - p) * rv[i] + p * variance[i] * unbias);
        }
        numBatchesTracked.data()[0] += 1f;
        return out;
    }

    private void checkShape(Tensor input) {
        boolean rankOk = layout == Layout.FEATURES ? input.rank() == 2 || input.rank() == 3 : input.rank() == 4;
        if (!rankOk || input.dim(1) != config.numFeatures()) {
            String expected = layout == Layout.FEATURES ? "[N, " + config.numFeatures() + "] or [N, " + config.numFeatures() + ", L]"
                    : "[N, " + config.numFeatures() + ", H, W]";
            throw new IllegalArgumentException(kind() + ": input shape " + input.shape() + " does not fit num_features = "
                    + config.numFeatures() + " (needs " + expected + ")");
        }
    }

    @Override
    public String kind() {
        return layout == Layout.FEATURES ? "batch_norm1d" : "batch_norm2d";
    }

    @Override
    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public Mode mode() {
        return mode;
    }

    public Layout layout() {
        return layout;
    }

    public Config config() {
        return config;
    }

    /** γ [C]. */
    public Tensor weight() {
        return weight;
    }

    /** β [C]. */
    public Tensor bias() {
        return bias;
    }

    public Tensor runningMean() {
        return runningMean;
    }

    public Tensor runningVar() {
        return runningVar;
    }

    public Tensor numBatchesTracked() {
        return numBatchesTracked;
    }

    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("weight", weight);
        m.put("bias", bias);
        return m;
    }

    @Override
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("running_mean", runningMean);
        m.put("running_var", runningVar);
        m.put("num_batches_tracked", numBatchesTracked);
        return m;
    }
}
