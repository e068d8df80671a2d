package dev.gradflow.autograd;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;

/**
 * Sum, mean and max over all elements or along one axis. An axis reduction views the input as
 * [outer, n, inner] (n = the reduced dimension) and produces [outer, inner], or [outer, 1, inner] with keepDim.
 */
public final class Reductions {
    private Reductions() {}

    /** s = Σ_i x_i (a scalar); ∂x_i = g. */
    public static Tensor sum(Tensor x) {
        float s = (float) KernelProvider.kernels().sum(x.data(), 0, x.size());
        return Tensor.fromOp(Shape.scalar(), new float[] {s}, "sum", g -> {
            float[] gx = x.gradBuffer();
            for (int i = 0; i < gx.length; i++) gx[i] += g[0];
        }, x);
    }

    /** m = (1/N)Σ_i x_i; ∂x_i = g/N. */
    public static Tensor mean(Tensor x) {
        int n = x.size();
        float m = (float) (KernelProvider.kernels().sum(x.data(), 0, n) / n);
        return Tensor.fromOp(Shape.scalar(), new float[] {m}, "mean", g -> {
            float[] gx = x.gradBuffer();
            float share = g[0] / n;
            for (int i = 0; i < gx.length; i++) gx[i] += share;
        }, x);
    }

    /** y[o, i] = Σ_a x[o, a, i]; ∂x[o, a, i] = g[o, i]. */
    public static Tensor sum(Tensor x, int axis, boolean keepDim) {
        return sumScaled(x, axis, keepDim, 1.0, "sum");
    }

    /** y[o, i] = (1/n)Σ_a x[o, a, i]; ∂x[o, a, i] = g[o, i]/n. */
    public static Tensor mean(Tensor x, int axis, boolean keepDim) {
        int n = x.shape().dim(axis);
        return sumScaled(x, axis, keepDim, 1.0 / n, "mean");
    }

    private static Tensor sumScaled(Tensor x, int axis, boolean keepDim, double factor, String op) {
        Shape shape = x.shape();
        int a = shape.normalizeAxis(axis);
        int outer = shape.outerSize(a);
        int n = shape.dim(a);
        int inner = shape.innerSize(a);
        float[] xd = x.data();
        float[] y = new float[outer * inner];
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int j = 0; j < n; j++) {
                int base = (o * n + j) * inner;
                for (int i = 0; i < inner; i++) acc[i] += xd[base + i];
            }
            for (int i = 0; i < inner; i++) y[o * inner + i] = (float) (acc[i] * factor);
        }
        float f = (float) factor;
        return Tensor.fromOp(shape.reduce(a, keepDim), y, op, g -> {
            float[] gx = x.gradBuffer();
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < n; j++) {
                    int base = (o * n + j) * inner;
                    for (int i = 0; i < inner; i++) gx[base + i] += g[o * inner + i] * f;
                }
            }
        }, x);
    }

    /** The largest element; the gradient is shared equally among tied maxima (as torch.max() without a dim). */
    public static Tensor max(Tensor x) {
        float[] xd = x.data();
        if (xd.length == 0) throw new IllegalArgumentException("max: empty tensor of shape " + x.shape());
        float best = Float.NEGATIVE_INFINITY;
        boolean nan = false;
        for (float v : xd) {
            if (Float.isNaN(v)) nan = true;
            else if (v > best) best = v;
        }
        final float m = nan ? Float.NaN : best;
        return Tensor.fromOp(Shape.scalar(), new float[] {m}, "max", g -> {
            int ties = 0;
            for (float v : xd) if (v == m) ties++;
            if (ties == 0) return;
            float share = g[0] / ties;
            float[] gx = x.gradBuffer();
            for (int i = 0; i < xd.length; i++) if (xd[i] == m) gx[i] += share;
        }, x);
    }

    /** y[o, i] = max_a x[o, a, i]; the gradient goes to the first index attaining the max (torch.max(x, dim)). */
    public static Tensor max(Tensor x, int axis, boolean keepDim) {
        Shape shape = x.shape();
        int a = shape.normalizeAxis(axis);
        int outer = shape.outerSize(a);
        int n = shape.dim(a);
        int inner = shape.innerSize(a);
        if (n == 0) throw new IllegalArgumentException("max: axis " + axis + " of shape " + shape + " is empty");
        float[] xd = x.data();
        float[] y = new float[outer * inner];
        int[] arg = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                float best = Float.NEGATIVE_INFINITY;
                int bestJ = 0;
                for (int j = 0; j < n; j++) {
                    float v = xd[(o * n + j) * inner + i];
                    if (v > best || Float.isNaN(v)) {
                        best = v;
                        bestJ = j;
                        if (Float.isNaN(v)) break;
                    }
                }
                y[o * inner + i] = best;
                arg[o * inner + i] = (o * n + bestJ) * inner + i;
            }
        }
        return Tensor.fromOp(shape.reduce(a, keepDim), y, "max_dim", g -> {
            float[] gx = x.gradBuffer();
            for (int i = 0; i < arg.length; i++) gx[arg[i]] += g[i];
        }, x);
    }
}
