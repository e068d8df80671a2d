package dev.gradflow.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked GEMM micro-kernels: an MR×NR tile of C held in 2·MR vector accumulators, updated by one
 * fused multiply-add per (row, vector of columns) for every p of a K block:
 * acc[r, c] = fma(Ap[p, r], Bp[p, c], acc[r, c]), p = 0, 1, …, kc − 1 in order.
 *
 * <p>At the end of the block the tile is stored as C = β·C + acc (one more fused multiply-add per element), or
 * C = acc when β = 0, in which case C's old contents are never read (NaN there does not leak). Each element of C
 * gets exactly this arithmetic whichever tile or thread computes it, which keeps results bit-identical across
 * thread counts.
 *
 * <p>The bodies are written out row by row because C2 keeps named vector locals in registers, not arrays of
 * vectors.
 */
final class GemmMicroKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector ZERO = FloatVector.zero(S);

    /** Rows of a register tile. */
    static final int MR = 8;
    /** Columns of a register tile: two vectors. */
    static final int NR = 2 * L;

    private GemmMicroKernels() {}

    /**
     * C[0:rows, 0:cols] = β·C + Ap·Bp over one K block, for a tile of up to MR rows and NR = 2·L columns.
     * Ap is an MR-row panel of packed A, Bp an NR-column panel of packed B (see {@link GemmPacking}).
     */
    static void kernelFull(float[] ap, int aBase, float[] bp, int bBase, int kc,
                           float[] c, int cIndex, int ldc, float beta, int rows, int cols) {
        FloatVector c00 = ZERO, c01 = ZERO, c10 = ZERO, c11 = ZERO, c20 = ZERO, c21 = ZERO, c30 = ZERO, c31 = ZERO;
        FloatVector c40 = ZERO, c41 = ZERO, c50 = ZERO, c51 = ZERO, c60 = ZERO, c61 = ZERO, c70 = ZERO, c71 = ZERO;
        for (int p = 0; p < kc; p++) {
            int bi = bBase + p * NR;
            int ai = aBase + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        if (rows == MR && cols == NR) {
            store(c00, c01, c, cIndex + 0 * ldc, beta);
            store(c10, c11, c, cIndex + 1 * ldc, beta);
            store(c20, c21, c, cIndex + 2 * ldc, beta);
            store(c30, c31, c, cIndex + 3 * ldc, beta);
            store(c40, c41, c, cIndex + 4 * ldc, beta);
            store(c50, c51, c, cIndex + 5 * ldc, beta);
            store(c60, c61, c, cIndex + 6 * ldc, beta);
            store(c70, c71, c, cIndex + 7 * ldc, beta);
        } else {
            VectorMask<Float> m0 = S.indexInRange(0, cols);
            VectorMask<Float> m1 = S.indexInRange(L, cols);
            storeMasked(c00, m0, c, cIndex + 0 * ldc, beta);
            storeMasked(c01, m1, c, cIndex + 0 * ldc + L, beta);
            if (rows == 1) return;
            storeMasked(c10, m0, c, cIndex + 1 * ldc, beta);
            storeMasked(c11, m1, c, cIndex + 1 * ldc + L, beta);
            if (rows == 2) return;
            storeMasked(c20, m0, c, cIndex + 2 * ldc, beta);
            storeMasked(c21, m1, c, cIndex + 2 * ldc + L, beta);
            if (rows == 3) return;
            storeMasked(c30, m0, c, cIndex + 3 * ldc, beta);
            storeMasked(c31, m1, c, cIndex + 3 * ldc + L, beta);
            if (rows == 4) return;
            storeMasked(c40, m0, c, cIndex + 4 * ldc, beta);
            storeMasked(c41, m1, c, cIndex + 4 * ldc + L, beta);
            if (rows == 5) return;
            storeMasked(c50, m0, c, cIndex + 5 * ldc, beta);
            storeMasked(c51, m1, c, cIndex + 5 * ldc + L, beta);
            if (rows == 6) return;
            storeMasked(c60, m0, c, cIndex + 6 * ldc, beta);
            storeMasked(c61, m1, c, cIndex + 6 * ldc + L, beta);
            if (rows == 7) return;
            storeMasked(c70, m0, c, cIndex + 7 * ldc, beta);
            storeMasked(c71, m1, c, cIndex + 7 * ldc + L, beta);
        }
    }

    /** As {@link #kernelFull} for a tile of at most L columns: half the FMAs where only one vector of columns is left. */
    static void kernelHalf(float[] ap, int aBase, float[] bp, int bBase, int kc,
                           float[] c, int cIndex, int ldc, float beta, int rows, int cols) {
        FloatVector c0 = ZERO, c1 = ZERO, c2 = ZERO, c3 = ZERO, c4 = ZERO, c5 = ZERO, c6 = ZERO, c7 = ZERO;
        for (int p = 0; p < kc; p++) {
            int ai = aBase + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bBase + p * NR);
            c0 = FloatVector.broadcast(S, ap[ai + 0]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, ap[ai + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, ap[ai + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, ap[ai + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, ap[ai + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, ap[ai + 5]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, ap[ai + 6]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, ap[ai + 7]).fma(b0, c7);
        }
        VectorMask<Float> m0 = S.indexInRange(0, cols);
        storeMasked(c0, m0, c, cIndex + 0 * ldc, beta);
        if (rows == 1) return;
        storeMasked(c1, m0, c, cIndex + 1 * ldc, beta);
        if (rows == 2) return;
        storeMasked(c2, m0, c, cIndex + 2 * ldc, beta);
        if (rows == 3) return;
        storeMasked(c3, m0, c, cIndex + 3 * ldc, beta);
        if (rows == 4) return;
        storeMasked(c4, m0, c, cIndex + 4 * ldc, beta);
        if (rows == 5) return;
        storeMasked(c5, m0, c, cIndex + 5 * ldc, beta);
        if (rows == 6) return;
        storeMasked(c6, m0, c, cIndex + 6 * ldc, beta);
        if (rows == 7) return;
        storeMasked(c7, m0, c, cIndex + 7 * ldc, beta);
    }

    private static void store(FloatVector acc0, FloatVector acc1, float[] c, int index, float beta) {
        if (beta == 0f) {
            acc0.intoArray(c, index);
            acc1.intoArray(c, index + L);
        } else {
            FloatVector.fromArray(S, c, index).fma(FloatVector.broadcast(S, beta), acc0).intoArray(c, index);
            FloatVector.fromArray(S, c, index + L).fma(FloatVector.broadcast(S, beta), acc1).intoArray(c, index + L);
        }
    }

    private static void storeMasked(FloatVector acc, VectorMask<Float> mask, float[] c, int index, float beta) {
        if (beta == 0f) {
            acc.intoArray(c, index, mask);
        } else {
            FloatVector.fromArray(S, c, index, mask).fma(FloatVector.broadcast(S, beta), acc).intoArray(c, index, mask);
        }
    }
}
