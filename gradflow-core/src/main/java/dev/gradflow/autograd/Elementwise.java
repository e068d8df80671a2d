package dev.gradflow.autograd;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.Kernels;
import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.StepMemory;
import dev.gradflow.tensor.Tensor;

/**
 * Binary arithmetic with broadcasting (see {@link Broadcasting}), each op beside its backward rule.
 * For z = f(a, b) with upstream gradient g = ∂L/∂z, each rule gives ∂L/∂a and ∂L/∂b before broadcast reduction.
 */
public final class Elementwise {
    private Elementwise() {}

    private static Kernels k() {
        return KernelProvider.kernels();
    }

    /** z = a + b; ∂a = g, ∂b = g. */
    public static Tensor add(Tensor a, Tensor b) {
        Shape out = Broadcasting.shape("add", a.shape(), b.shape());
        float[] z = StepMemory.borrow(out.size());
        k().add(Broadcasting.expand(a.data(), a.shape(), out), Broadcasting.expand(b.data(), b.shape(), out), z, z.length);
        return Tensor.fromOp(out, z, "add", g -> {
            if (a.requiresGrad()) Broadcasting.accumulate(g, out, a.shape(), a.gradBuffer());
            if (b.requiresGrad()) Broadcasting.accumulate(g, out, b.shape(), b.gradBuffer());
        }, a, b);
    }

    /** z = a − b; ∂a = g, ∂b = −g. */
    public static Tensor sub(Tensor a, Tensor b) {
        Shape out = Broadcasting.shape("sub", a.shape(), b.shape());
        float[] z = StepMemory.borrow(out.size());
        k().sub(Broadcasting.expand(a.data(), a.shape(), out), Broadcasting.expand(b.data(), b.shape(), out), z, z.length);
        return Tensor.fromOp(out, z, "sub", g -> {
            if (a.requiresGrad()) Broadcasting.accumulate(g, out, a.shape(), a.gradBuffer());
            if (b.requiresGrad()) {
                float[] neg = new float[g.length];
                k().scale(-1f, g, neg, g.length);
                Broadcasting.accumulate(neg, out, b.shape(), b.gradBuffer());
            }
        }, a, b);
    }

    /** z = a ⊙ b; ∂a = g ⊙ b, ∂b = g ⊙ a. */
    public static Tensor mul(Tensor a, Tensor b) {
        Shape out = Broadcasting.shape("mul", a.shape(), b.shape());
        float[] ea = Broadcasting.expand(a.data(), a.shape(), out);
        float[] eb = Broadcasting.expand(b.data(), b.shape(), out);
        float[] z = StepMemory.borrow(out.size());
        k().mul(ea, eb, z, z.length);
        return Tensor.fromOp(out, z, "mul", g -> {
            if (a.requiresGrad()) {
                float[] t = new float[g.length];
                k().mul(g, eb, t, g.length);
                Broadcasting.accumulate(t, out, a.shape(), a.gradBuffer());
            }
            if (b.requiresGrad()) {
                float[] t = new float[g.length];
                k().mul(g, ea, t, g.length);
                Broadcasting.accumulate(t, out, b.shape(), b.gradBuffer());
            }
        }, a, b);
    }

    /** z = a / b; ∂a = g / b, ∂b = −g ⊙ a / b² = −g ⊙ z / b. */
    public static Tensor div(Tensor a, Tensor b) {
        Shape out = Broadcasting.shape("div", a.shape(), b.shape());
        float[] ea = Broadcasting.expand(a.data(), a.shape(), out);
        float[] eb = Broadcasting.expand(b.data(), b.shape(), out);
        float[] z = StepMemory.borrow(out.size());
        k().div(ea, eb, z, z.length);
        return Tensor.fromOp(out, z, "div", g -> {
            if (a.requiresGrad()) {
                float[] t = new float[g.length];
                k().div(g, eb, t, g.length);
                Broadcasting.accumulate(t, out, a.shape(), a.gradBuffer());
            }
            if (b.requiresGrad()) {
                float[] t = new float[g.length];
                for (int i = 0; i < t.length; i++) t[i] = -g[i] * z[i] / eb[i];
                Broadcasting.accumulate(t, out, b.shape(), b.gradBuffer());
            }
        }, a, b);
    }

    /** z = a + c for a constant c; ∂a = g. */
    public static Tensor addScalar(Tensor a, float c) {
        float[] x = a.data();
        float[] z = StepMemory.borrow(x.length);
        for (int i = 0; i < z.length; i++) z[i] = x[i] + c;
        return Tensor.fromOp(a.shape(), z, "add_scalar", g -> k().axpy(1f, g, a.gradBuffer(), g.length), a);
    }

    /** z = c·a for a constant c; ∂a = c·g. */
    public static Tensor mulScalar(Tensor a, float c) {
        float[] z = StepMemory.borrow(a.size());
        k().scale(c, a.data(), z, z.length);
        return Tensor.fromOp(a.shape(), z, "mul_scalar", g -> k().axpy(c, g, a.gradBuffer(), g.length), a);
    }
}
