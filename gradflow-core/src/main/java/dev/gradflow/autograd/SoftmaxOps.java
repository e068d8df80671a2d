package dev.gradflow.autograd;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;

/**
 * Numerically stable softmax and log-softmax along one axis (the maximum is subtracted before exponentiating).
 * The last axis runs on the row kernels; other axes use a strided loop.
 */
public final class SoftmaxOps {
    private SoftmaxOps() {}

    /** y_i = e^{x_i} / Σ_j e^{x_j}; backward: ∂x_i = y_i (g_i − Σ_j g_j y_j). */
    public static Tensor softmax(Tensor x, int axis) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        int outer = s.outerSize(a);
        int n = s.dim(a);
        int inner = s.innerSize(a);
        float[] y = new float[x.size()];
        if (inner == 1) {
            KernelProvider.kernels().softmaxRows(x.data(), y, outer, n);
        } else {
            strided(x.data(), y, outer, n, inner, false);
        }
        return Tensor.fromOp(s, y, "softmax", g -> {
            float[] gx = x.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * n * inner + i;
                    double dot = 0;
                    for (int j = 0; j < n; j++) dot += (double) g[base + j * inner] * y[base + j * inner];
                    for (int j = 0; j < n; j++) {
                        int p = base + j * inner;
                        gx[p] += (float) (y[p] * (g[p] - dot));
                    }
                }
            }
        }, x);
    }

    /** y_i = x_i − log Σ_j e^{x_j}; backward: ∂x_i = g_i − e^{y_i} Σ_j g_j. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        int outer = s.outerSize(a);
        int n = s.dim(a);
        int inner = s.innerSize(a);
        float[] y = new float[x.size()];
        if (inner == 1) {
            KernelProvider.kernels().logSoftmaxRows(x.data(), y, outer, n);
        } else {
            strided(x.data(), y, outer, n, inner, true);
        }
        return Tensor.fromOp(s, y, "log_softmax", g -> {
            float[] gx = x.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * n * inner + i;
                    double total = 0;
                    for (int j = 0; j < n; j++) total += g[base + j * inner];
                    for (int j = 0; j < n; j++) {
                        int p = base + j * inner;
                        gx[p] += (float) (g[p] - Math.exp(y[p]) * total);
                    }
                }
            }
        }, x);
    }

    private static void strided(float[] x, float[] y, int outer, int n, int inner, boolean log) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) max = Math.max(max, x[base + j * inner]);
                double sum = 0;
                for (int j = 0; j < n; j++) sum += Math.exp(x[base + j * inner] - max);
                double logSum = max + Math.log(sum);
                for (int j = 0; j < n; j++) {
                    int p = base + j * inner;
                    y[p] = log ? (float) (x[p] - logSum) : (float) Math.exp(x[p] - logSum);
                }
            }
        }
    }
}
