package dev.gradflow.autograd;

import dev.gradflow.tensor.Tensor;
import java.util.Arrays;

/**
 * Batch and layer normalization with fused backward rules (the closed forms, not chains of small ops).
 * Statistics are accumulated in double; variances are the biased ones (divide by the count), as PyTorch
 * normalizes with.
 *
 * <p>Batch norm views x as [N, C, S] (S = 1 for [N, C], L for [N, C, L], H·W for [N, C, H, W]) and normalizes
 * each channel c over its m = N·S values. Layer norm normalizes each row of D = prod(normalized shape) trailing
 * elements.
 */
public final class NormOps {
    private NormOps() {}

    /**
     * Batch normalization with batch statistics (training mode), as torch.nn.functional.batch_norm(training=True).
     * Per channel c over its m values:
     * <pre>  μ = (1/m)Σ x      σ² = (1/m)Σ (x − μ)²      x̂ = (x − μ)/√(σ² + ε)      y = γ·x̂ + β</pre>
     * Backward (with g = ∂L/∂y, sums over the channel's m values):
     * <pre>  ∂β = Σ g      ∂γ = Σ g·x̂      ∂x = (γ/(m·√(σ² + ε))) · (m·g − Σ g − x̂·Σ g·x̂)</pre>
     *
     * @param weight γ [C], or null for γ = 1
     * @param bias β [C], or null for β = 0
     * @param meanOut overwritten with μ per channel (may be null)
     * @param varianceOut overwritten with the biased σ² per channel (may be null)
     */
    public static Tensor batchNorm(Tensor x, Tensor weight, Tensor bias, float eps, float[] meanOut, float[] varianceOut) {
        Channels ch = Channels.of("batch_norm", x, weight, bias);
        int m = ch.batch * ch.spatial;
        if (m <= 1) {
            throw new IllegalArgumentException("batch_norm: training needs more than 1 value per channel, got input " + x.shape());
        }
        float[] xd = x.data();
        float[] mean = new float[ch.channels];
        float[] invStd = new float[ch.channels];
        for (int c = 0; c < ch.channels; c++) {
            double sum = 0;
            for (int n = 0; n < ch.batch; n++) {
                int base = ch.offset(n, c);
                for (int s = 0; s < ch.spatial; s++) sum += xd[base + s];
            }
            double mu = sum / m;
            double squares = 0;
            for (int n = 0; n < ch.batch; n++) {
                int base = ch.offset(n, c);
                for (int s = 0; s < ch.spatial; s++) {
                    double d = xd[base + s] - mu;
                    squares += d * d;
                }
            }
            double variance = squares / m;
            mean[c] = (float) mu;
            invStd[c] = (float) (1.0 / Math.sqrt(variance + eps));
            if (meanOut != null) meanOut[c] = (float) mu;
            if (varianceOut != null) varianceOut[c] = (float) variance;
        }
        float[] y = ch.affine(xd, mean, invStd, weight, bias);
        return Tensor.fromOp(x.shape(), y, "batch_norm", g -> {
            double[] sumG = new double[ch.channels];
            double[] sumGXhat = new double[ch.channels];
            for (int c = 0; c < ch.channels; c++) {
                for (int n = 0; n < ch.batch; n++) {
                    int base = ch.offset(n, c);
                    for (int s = 0; s < ch.spatial; s++) {
                        float xhat = (xd[base + s] - mean[c]) * invStd[c];
                        sumG[c] += g[base + s];
                        sumGXhat[c] += (double) g[base + s] * xhat;
                    }
                }
            }
            if (weight != null && weight.requiresGrad()) {
                float[] gw = weight.gradBuffer();
                for (int c = 0; c < ch.channels; c++) gw[c] += (float) sumGXhat[c];
            }
            if (bias != null && bias.requiresGrad()) {
                float[] gb = bias.gradBuffer();
                for (int c = 0; c < ch.channels; c++) gb[c] += (float) sumG[c];
            }
            if (x.requiresGrad()) {
                float[] gx = x.gradBuffer();
                for (int c = 0; c < ch.channels; c++) {
                    float gamma = weight == null ? 1f : weight.data()[c];
                    float factor = gamma * invStd[c] / m;
                    float totalG = (float) sumG[c];
                    float totalGXhat = (float) sumGXhat[c];
                    for (int n = 0; n < ch.batch; n++) {
                        int base = ch.offset(n, c);
                        for (int s = 0; s < ch.spatial; s++) {
                            float xhat = (xd[base + s] - mean[c]) * invStd[c];
                            gx[base + s] += factor * (m * g[base + s] - totalG - xhat * totalGXhat);
                        }
                    }
                }
            }
        }, inputs(x, weight, bias));
    }

    /**
     * Batch normalization with fixed statistics (evaluation mode): y = γ·(x − μ_run)/√(σ²_run + ε) + β, an affine
     * map per channel. Backward: ∂x = g·γ/√(σ²_run + ε), ∂γ = Σ g·x̂, ∂β = Σ g; the running statistics are
     * constants.
     */
    public static Tensor batchNormInference(Tensor x, Tensor weight, Tensor bias, float[] runningMean, float[] runningVariance, float eps) {
        Channels ch = Channels.of("batch_norm", x, weight, bias);
        if (runningMean.length != ch.channels || runningVariance.length != ch.channels) {
            throw new IllegalArgumentException("batch_norm: running statistics have " + runningMean.length + " and "
                    + runningVariance.length + " entries but input " + x.shape() + " has " + ch.channels + " channels");
        }
        float[] xd = x.data();
        float[] mean = runningMean.clone();
        float[] invStd = new float[ch.channels];
        for (int c = 0; c < ch.channels; c++) invStd[c] = (float) (1.0 / Math.sqrt((double) runningVariance[c] + eps));
        float[] y = ch.affine(xd, mean, invStd, weight, bias);
        return Tensor.fromOp(x.shape(), y, "batch_norm", g -> {
            float[] gx = x.requiresGrad() ? x.gradBuffer() : null;
            float[] gw = weight != null && weight.requiresGrad() ? weight.gradBuffer() : null;
            float[] gb = bias != null && bias.requiresGrad() ? bias.gradBuffer() : null;
            for (int c = 0; c < ch.channels; c++) {
                float scale = (weight == null ? 1f : weight.data()[c]) * invStd[c];
                double sumG = 0;
                double sumGXhat = 0;
                for (int n = 0; n < ch.batch; n++) {
                    int base = ch.offset(n, c);
                    for (int s = 0; s < ch.spatial; s++) {
                        float gi = g[base + s];
                        sumG += gi;
                        sumGXhat += (double) gi * ((xd[base + s] - mean[c]) * invStd[c]);
                        if (gx != null) gx[base + s] += gi * scale;
                    }
                }
                if (gw != null) gw[c] += (float) sumGXhat;
                if (gb != null) gb[c] += (float) sumG;
            }
        }, inputs(x, weight, bias));
    }

    /**
     * Layer normalization over the last dimensions, as torch.nn.functional.layer_norm: with D the number of
     * elements in {@code weight}'s shape (the normalized shape, which must equal x's trailing dimensions), each row
     * r of D values gets
     * <pre>  μ = (1/D)Σ x      σ² = (1/D)Σ (x − μ)²      x̂ = (x − μ)/√(σ² + ε)      y = γ⊙x̂ + β</pre>
     * Backward, with h = g⊙γ and sums over the row:
     * <pre>  ∂x = (1/(D·√(σ² + ε))) · (D·h − Σ h − x̂·Σ h·x̂)      ∂γ = Σ_rows g⊙x̂      ∂β = Σ_rows g</pre>
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, float eps) {
        int trailing = normalizedShape.length;
        boolean fits = x.rank() >= trailing;
        for (int i = 0; fits && i < trailing; i++) fits = x.dim(x.rank() - trailing + i) == normalizedShape[i];
        if (!fits) {
            throw new IllegalArgumentException("layer_norm: input shape " + x.shape() + " does not end with the normalized shape "
                    + Arrays.toString(normalizedShape));
        }
        int d = 1;
        for (int v : normalizedShape) d *= v;
        for (Tensor p : new Tensor[] {weight, bias}) {
            if (p != null && p.size() != d) {
                throw new IllegalArgumentException("layer_norm: parameter shape " + p.shape() + " does not match the normalized shape "
                        + Arrays.toString(normalizedShape));
            }
        }
        if (d == 0) throw new IllegalArgumentException("layer_norm: empty normalized shape " + Arrays.toString(normalizedShape));
        int rows = x.size() / d;
        float[] xd = x.data();
        float[] mean = new float[rows];
        float[] invStd = new float[rows];
        float[] y = new float[xd.length];
        float[] gamma = weight == null ? null : weight.data();
        float[] beta = bias == null ? null : bias.data();
        for (int r = 0; r < rows; r++) {
            int base = r * d;
            double sum = 0;
            for (int i = 0; i < d; i++) sum += xd[base + i];
            double mu = sum / d;
            double squares = 0;
            for (int i = 0; i < d; i++) {
                double diff = xd[base + i] - mu;
                squares += diff * diff;
            }
            mean[r] = (float) mu;
            invStd[r] = (float) (1.0 / Math.sqrt(squares / d + eps));
            for (int i = 0; i < d; i++) {
                float xhat = (xd[base + i] - mean[r]) * invStd[r];
                y[base + i] = (gamma == null ? xhat : gamma[i] * xhat) + (beta == null ? 0f : beta[i]);
            }
        }
        int size = d;
        return Tensor.fromOp(x.shape(), y, "layer_norm", g -> {
            float[] gw = weight != null && weight.requiresGrad() ? weight.gradBuffer() : null;
            float[] gb = bias != null && bias.requiresGrad() ? bias.gradBuffer() : null;
            float[] gx = x.requiresGrad() ? x.gradBuffer() : null;
            for (int r = 0; r < rows; r++) {
                int base = r * size;
                double sumH = 0;
                double sumHXhat = 0;
                for (int i = 0; i < size; i++) {
                    float xhat = (xd[base + i] - mean[r]) * invStd[r];
                    float gi = g[base + i];
                    float h = gamma == null ? gi : gi * gamma[i];
                    sumH += h;
                    sumHXhat += (double) h * xhat;
                    if (gw != null) gw[i] += gi * xhat;
                    if (gb != null) gb[i] += gi;
                }
                if (gx == null) continue;
                float factor = invStd[r] / size;
                float sh = (float) sumH;
                float shx = (float) sumHXhat;
                for (int i = 0; i < size; i++) {
                    float xhat = (xd[base + i] - mean[r]) * invStd[r];
                    float h = gamma == null ? g[base + i] : g[base + i] * gamma[i];
                    gx[base + i] += factor * (size * h - sh - xhat * shx);
                }
            }
        }, inputs(x, weight, bias));
    }

    private static Tensor[] inputs(Tensor x, Tensor weight, Tensor bias) {
        if (weight != null && bias != null) return new Tensor[] {x, weight, bias};
        if (weight != null) return new Tensor[] {x, weight};
        if (bias != null) return new Tensor[] {x, bias};
        return new Tensor[] {x};
    }

    /** x viewed as [batch, channels, spatial]; checks γ and β have one entry per channel. */
    private record Channels(int batch, int channels, int spatial) {
        static Channels of(String op, Tensor x, Tensor weight, Tensor bias) {
            if (x.rank() < 2) {
                throw new IllegalArgumentException(op + ": needs input [N, C, ...], got " + x.shape());
            }
            int channels = x.dim(1);
            for (Tensor p : new Tensor[] {weight, bias}) {
                if (p != null && (p.rank() != 1 || p.dim(0) != channels)) {
                    throw new IllegalArgumentException(op + ": parameter shape " + p.shape() + " does not fit input " + x.shape()
                            + " with " + channels + " channels");
                }
            }
            return new Channels(x.dim(0), channels, x.shape().innerSize(1));
        }

        int offset(int n, int c) {
            return (n * channels + c) * spatial;
        }

        /** y = γ·(x − mean)·invStd + β per channel. */
        float[] affine(float[] x, float[] mean, float[] invStd, Tensor weight, Tensor bias) {
            float[] y = new float[x.length];
            for (int c = 0; c < channels; c++) {
                float gamma = weight == null ? 1f : weight.data()[c];
                float beta = bias == null ? 0f : bias.data()[c];
                for (int n = 0; n < batch; n++) {
                    int base = offset(n, c);
                    for (int s = 0; s < spatial; s++) y[base + s] = gamma * (x[base + s] - mean[c]) * invStd[c] + beta;
                }
            }
            return y;
        }
    }
}
