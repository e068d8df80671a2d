package dev.gradflow.autograd;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;

/**
 * Pooling over the H×W plane of an NCHW tensor, each channel of each image on its own, as
 * torch.nn.functional.max_pool2d / avg_pool2d (floor rounding, no dilation). For output position (oh, ow) the
 * window is W(oh, ow) = {(oh·sh − ph + i, ow·sw − pw + j) : 0 ≤ i &lt; kh, 0 ≤ j &lt; kw}; padding may be at most
 * half the kernel, as in PyTorch, so every window holds at least one real pixel.
 */
public final class PoolOps {
    private PoolOps() {}

    /**
     * y[n, c, oh, ow] = max over the real pixels of W(oh, ow) (padding counts as −∞). Backward routes g to the
     * position of the maximum; on ties, to the first in row-major order within the window (as PyTorch's CPU
     * kernel). A NaN in the window wins, so NaN propagates.
     */
    public static Tensor maxPool2d(Tensor x, Window2d window) {
        Geometry geo = Geometry.of("max_pool2d", x, window);
        float[] xd = x.data();
        float[] y = new float[geo.outputSize()];
        int[] argmax = new int[y.length];
        for (int plane = 0; plane < geo.planes; plane++) {
            int in = plane * geo.height * geo.width;
            int out = plane * geo.outHeight * geo.outWidth;
            for (int oh = 0; oh < geo.outHeight; oh++) {
                int h0 = oh * window.strideHeight() - window.paddingHeight();
                int hStart = Math.max(h0, 0);
                int hEnd = Math.min(h0 + window.kernelHeight(), geo.height);
                for (int ow = 0; ow < geo.outWidth; ow++) {
                    int w0 = ow * window.strideWidth() - window.paddingWidth();
                    int wStart = Math.max(w0, 0);
                    int wEnd = Math.min(w0 + window.kernelWidth(), geo.width);
                    int best = in + hStart * geo.width + wStart;
                    float bestValue = xd[best];
                    for (int h = hStart; h < hEnd; h++) {
                        for (int w = wStart; w < wEnd; w++) {
                            int idx = in + h * geo.width + w;
                            float v = xd[idx];
                            if (v > bestValue || (Float.isNaN(v) && !Float.isNaN(bestValue))) {
                                bestValue = v;
                                best = idx;
                            }
                        }
                    }
                    y[out + oh * geo.outWidth + ow] = bestValue;
                    argmax[out + oh * geo.outWidth + ow] = best;
                }
            }
        }
        return Tensor.fromOp(geo.outputShape(), y, "max_pool2d", g -> {
            float[] gx = x.gradBuffer();
            for (int i = 0; i < g.length; i++) gx[argmax[i]] += g[i];
        }, x);
    }

    /**
     * y[n, c, oh, ow] = (1/(kh·kw)) Σ over W(oh, ow) of x, padding counting as zeros in the sum and in the divisor
     * (PyTorch's default count_include_pad=True). Backward: each real pixel of the window receives g/(kh·kw).
     */
    public static Tensor avgPool2d(Tensor x, Window2d window) {
        Geometry geo = Geometry.of("avg_pool2d", x, window);
        float[] xd = x.data();
        float[] y = new float[geo.outputSize()];
        double divisor = window.area();
        for (int plane = 0; plane < geo.planes; plane++) {
            int in = plane * geo.height * geo.width;
            int out = plane * geo.outHeight * geo.outWidth;
            for (int oh = 0; oh < geo.outHeight; oh++) {
                int h0 = oh * window.strideHeight() - window.paddingHeight();
                int hStart = Math.max(h0, 0);
                int hEnd = Math.min(h0 + window.kernelHeight(), geo.height);
                for (int ow = 0; ow < geo.outWidth; ow++) {
                    int w0 = ow * window.strideWidth() - window.paddingWidth();
                    int wStart = Math.max(w0, 0);
                    int wEnd = Math.min(w0 + window.kernelWidth(), geo.width);
                    double sum = 0;
                    for (int h = hStart; h < hEnd; h++) {
                        for (int w = wStart; w < wEnd; w++) sum += xd[in + h * geo.width + w];
                    }
                    y[out + oh * geo.outWidth + ow] = (float) (sum / divisor);
                }
            }
        }
        float share = (float) (1.0 / divisor);
        return Tensor.fromOp(geo.outputShape(), y, "avg_pool2d", g -> {
            float[] gx = x.gradBuffer();
            for (int plane = 0; plane < geo.planes; plane++) {
                int in = plane * geo.height * geo.width;
                int out = plane * geo.outHeight * geo.outWidth;
                for (int oh = 0; oh < geo.outHeight; oh++) {
                    int h0 = oh * window.strideHeight() - window.paddingHeight();
                    int hStart = Math.max(h0, 0);
                    int hEnd = Math.min(h0 + window.kernelHeight(), geo.height);
                    for (int ow = 0; ow < geo.outWidth; ow++) {
                        int w0 = ow * window.strideWidth() - window.paddingWidth();
                        int wStart = Math.max(w0, 0);
                        int wEnd = Math.min(w0 + window.kernelWidth(), geo.width);
                        float gi = g[out + oh * geo.outWidth + ow] * share;
                        for (int h = hStart; h < hEnd; h++) {
                            for (int w = wStart; w < wEnd; w++) gx[in + h * geo.width + w] += gi;
                        }
                    }
                }
            }
        }, x);
    }

    /**
     * y[n, c] = (1/(H·W)) Σ_{h,w} x[n, c, h, w], i.e. adaptive_avg_pool2d(x, 1) flattened to [N, C]. Composed of
     * reshape and mean, so it needs no backward rule of its own (∂x[n, c, h, w] = g[n, c]/(H·W)).
     */
    public static Tensor globalAvgPool2d(Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("global_avg_pool2d: needs input [N, C, H, W], got " + x.shape());
        }
        if (x.dim(2) * x.dim(3) == 0) {
            throw new IllegalArgumentException("global_avg_pool2d: empty plane in input " + x.shape());
        }
        return x.reshape(x.dim(0), x.dim(1), x.dim(2) * x.dim(3)).mean(2, false);
    }

    /** Input and output sizes of one pooling call, validated. */
    private record Geometry(int planes, int height, int width, int outHeight, int outWidth, int batch, int channels) {
        static Geometry of(String op, Tensor x, Window2d window) {
            if (x.rank() != 4) throw new IllegalArgumentException(op + ": needs input [N, C, H, W], got " + x.shape());
            if (2 * window.paddingHeight() > window.kernelHeight() || 2 * window.paddingWidth() > window.kernelWidth()) {
                throw new IllegalArgumentException(op + ": padding must be at most half the kernel, got " + window);
            }
            try {
                return new Geometry(x.dim(0) * x.dim(1), x.dim(2), x.dim(3),
                        window.outputHeight(x.dim(2)), window.outputWidth(x.dim(3)), x.dim(0), x.dim(1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(op + ": input " + x.shape() + " with " + window + ": " + e.getMessage(), e);
            }
        }

        int outputSize() {
            return planes * outHeight * outWidth;
        }

        Shape outputShape() {
            return Shape.of(batch, channels, outHeight, outWidth);
        }
    }
}
