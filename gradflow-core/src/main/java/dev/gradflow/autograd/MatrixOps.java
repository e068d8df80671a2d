package dev.gradflow.autograd;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.Transpose;
import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.StepMemory;
import dev.gradflow.tensor.Tensor;

/**
 * Matrix products on the GEMM kernel. Transposes are never materialized in the backward pass: the kernel reads
 * its operands transposed in place. A gradient that holds nothing yet is written by the GEMM directly (β = 0)
 * rather than zeroed and added to (β = 1): the same numbers without a pass over memory.
 */
public final class MatrixOps {
    private MatrixOps() {}

    private static Kernels k() {
        return KernelProvider.kernels();
    }

    /**
     * C = A·B for A of shape [M, K] or batched [B, M, K], and B of shape [K, N]; the result is [M, N] or [B, M, N].
     * Backward: ∂A = G·Bᵀ, ∂B = Aᵀ·G (summed over the batch, which is one GEMM over B·M rows).
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        if (b.rank() != 2 || (a.rank() != 2 && a.rank() != 3) || a.dim(-1) != b.dim(0)) {
            throw new IllegalArgumentException("matmul: cannot multiply shapes " + a.shape() + " and " + b.shape()
                    + " (needs [M, K] or [B, M, K] times [K, N] with matching K)");
        }
        int kk = a.dim(-1);
        int n = b.dim(1);
        int m = a.size() / Math.max(kk, 1);
        if (kk == 0) m = a.rank() == 2 ? a.dim(0) : a.dim(0) * a.dim(1);
        int[] outDims = a.dims();
        outDims[outDims.length - 1] = n;
        float[] c = StepMemory.borrow(m * n);
        k().gemm(Transpose.NO, Transpose.NO, m, n, kk, a.data(), 0, b.data(), 0, 0f, c, 0);
        final int rows = m;
        return Tensor.fromOp(Shape.of(outDims), c, "matmul", g -> {
            if (a.requiresGrad()) {
                float beta = betaFor(a);
                k().gemm(Transpose.NO, Transpose.YES, rows, kk, n, g, 0, b.data(), 0, beta, gradTarget(a, beta), 0);
            }
            if (b.requiresGrad()) {
                float beta = betaFor(b);
                k().gemm(Transpose.YES, Transpose.NO, kk, n, rows, a.data(), 0, g, 0, beta, gradTarget(b, beta), 0);
            }
        }, a, b);
    }

    /**
     * y = x·Wᵀ + b as torch.nn.functional.linear: x [N, in] (or [B, N, in]), W [out, in], b [out] or null.
     * Backward: ∂x = G·W, ∂W = Gᵀ·x, ∂b = Σ_rows G.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (weight.rank() != 2 || x.rank() < 1 || x.dim(-1) != weight.dim(1)) {
            throw new IllegalArgumentException("linear: input shape " + x.shape() + " does not fit weight shape " + weight.shape()
                    + " (the input's last dimension must equal the weight's in_features = " + (weight.rank() == 2 ? weight.dim(1) : "?") + ")");
        }
        int in = weight.dim(1);
        int out = weight.dim(0);
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != out)) {
            throw new IllegalArgumentException("linear: bias shape " + bias.shape() + " does not fit weight shape " + weight.shape());
        }
        int rows = in == 0 ? x.shape().outerSize(x.rank() - 1) : x.size() / in;
        int[] outDims = x.dims();
        outDims[outDims.length - 1] = out;
        float[] y = StepMemory.borrow(rows * out);
        k().gemm(Transpose.NO, Transpose.YES, rows, out, in, x.data(), 0, weight.data(), 0, 0f, y, 0);
        if (bias != null) k().addRowVector(y, bias.data(), y, rows, out);
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Tensor.fromOp(Shape.of(outDims), y, "linear", g -> {
            if (x.requiresGrad()) {
                float beta = betaFor(x);
                k().gemm(Transpose.NO, Transpose.NO, rows, in, out, g, 0, weight.data(), 0, beta, gradTarget(x, beta), 0);
            }
            if (weight.requiresGrad()) {
                float beta = betaFor(weight);
                k().gemm(Transpose.YES, Transpose.NO, out, in, rows, g, 0, x.data(), 0, beta, gradTarget(weight, beta), 0);
            }
            if (bias != null && bias.requiresGrad()) k().sumRowsInto(g, rows, out, bias.gradBuffer());
        }, inputs);
    }

    /** β for a GEMM that adds into {@code t}'s gradient: 0 (write it) while it holds nothing yet, else 1 (add). */
    private static float betaFor(Tensor t) {
        return t.gradIsZero() ? 0f : 1f;
    }

    /** {@code t}'s gradient storage for a GEMM with the given β (not zeroed first when β = 0). */
    private static float[] gradTarget(Tensor t, float beta) {
        return beta == 0f ? t.gradBufferForOverwrite() : t.gradBuffer();
    }

    /** The transpose of a 2-D tensor (a copy); backward transposes the gradient back. */
    public static Tensor transpose(Tensor a) {
        if (a.rank() != 2) throw new IllegalArgumentException("transpose: needs a 2-D tensor, got shape " + a.shape());
        int r = a.dim(0);
        int c = a.dim(1);
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) y[j * r + i] = x[i * c + j];
        }
        return Tensor.fromOp(Shape.of(c, r), y, "transpose", g -> {
            float[] gx = a.gradBuffer();
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) gx[i * c + j] += g[j * r + i];
            }
        }, a);
    }
}
