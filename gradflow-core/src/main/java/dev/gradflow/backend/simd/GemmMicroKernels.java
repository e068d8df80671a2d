package dev.gradflow.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked GEMM micro-kernels: an MR×NR tile of C held in 2·MR vector accumulators, updated by one
 * fused multiply-add per (row, vector of columns) for every p of a K block:
 * acc[r, c] = fma(Ap[p, r], Bp[p, c], acc[r, c]), p = 0, 1, …, kc − 1 in order.
 *
 * <p>At the end of the block the tile is stored as C = fma(C, β, acc), or C = acc when β = 0, in which case C's
 * old contents are never read (NaN there does not leak). Edge tiles run the same kernel into a scratch tile and
 * are merged with {@link Math#fma}, the same single rounding, so every element of C gets exactly this arithmetic
 * whichever tile or thread computes it: results are bit-identical across thread counts.
 *
 * <p>The bodies are written out row by row, and kept free of masks and helper calls, because C2 keeps named vector
 * locals in registers only when the whole kernel fits its inlining budget; a kernel that does not fit boxes its
 * vectors on the heap and runs fifty times slower. For the same reason accumulators start from a
 * {@code FloatVector.zero(S)} made in the kernel, never from a {@code static final} zero vector: a loop phi fed by a
 * constant vector object defeats C2's unboxing, and every FMA then allocates (measured: 5 instead of 180 GFLOP/s).
 */
final class GemmMicroKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Rows of a register tile. */
    static final int MR = 8;
    /** Columns of a register tile: two vectors. */
    static final int NR = 2 * L;
    /** Columns of the narrow tile. */
    static final int HALF = L;

    private GemmMicroKernels() {}

    /**
     * C[0:MR, 0:NR] = β·C + Ap·Bp over one K block (C = Ap·Bp when β = 0), for a full tile. Ap is an MR-row
     * panel of packed A, Bp an NR-column panel of packed B (see {@link GemmPacking}).
     */
    static void kernelFull(float[] ap, int aBase, float[] bp, int bBase, int kc,
                           float[] c, int cIndex, int ldc, float beta) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero, c50 = zero, c51 = zero, c60 = zero, c61 = zero, c70 = zero, c71 = zero;
        for (int p = 0; p < kc; p++) {
            int bi = bBase + p * NR;
            int ai = aBase + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        if (beta == 0f) {
            c00.intoArray(c, cIndex + 0 * ldc);
            c01.intoArray(c, cIndex + 0 * ldc + L);
            c10.intoArray(c, cIndex + 1 * ldc);
            c11.intoArray(c, cIndex + 1 * ldc + L);
            c20.intoArray(c, cIndex + 2 * ldc);
            c21.intoArray(c, cIndex + 2 * ldc + L);
            c30.intoArray(c, cIndex + 3 * ldc);
            c31.intoArray(c, cIndex + 3 * ldc + L);
            c40.intoArray(c, cIndex + 4 * ldc);
            c41.intoArray(c, cIndex + 4 * ldc + L);
            c50.intoArray(c, cIndex + 5 * ldc);
            c51.intoArray(c, cIndex + 5 * ldc + L);
            c60.intoArray(c, cIndex + 6 * ldc);
            c61.intoArray(c, cIndex + 6 * ldc + L);
            c70.intoArray(c, cIndex + 7 * ldc);
            c71.intoArray(c, cIndex + 7 * ldc + L);
        } else {
            FloatVector scale = FloatVector.broadcast(S, beta);
            FloatVector.fromArray(S, c, cIndex + 0 * ldc).fma(scale, c00).intoArray(c, cIndex + 0 * ldc);
            FloatVector.fromArray(S, c, cIndex + 0 * ldc + L).fma(scale, c01).intoArray(c, cIndex + 0 * ldc + L);
            FloatVector.fromArray(S, c, cIndex + 1 * ldc).fma(scale, c10).intoArray(c, cIndex + 1 * ldc);
            FloatVector.fromArray(S, c, cIndex + 1 * ldc + L).fma(scale, c11).intoArray(c, cIndex + 1 * ldc + L);
            FloatVector.fromArray(S, c, cIndex + 2 * ldc).fma(scale, c20).intoArray(c, cIndex + 2 * ldc);
            FloatVector.fromArray(S, c, cIndex + 2 * ldc + L).fma(scale, c21).intoArray(c, cIndex + 2 * ldc + L);
            FloatVector.fromArray(S, c, cIndex + 3 * ldc).fma(scale, c30).intoArray(c, cIndex + 3 * ldc);
            FloatVector.fromArray(S, c, cIndex + 3 * ldc + L).fma(scale, c31).intoArray(c, cIndex + 3 * ldc + L);
            FloatVector.fromArray(S, c, cIndex + 4 * ldc).fma(scale, c40).intoArray(c, cIndex + 4 * ldc);
            FloatVector.fromArray(S, c, cIndex + 4 * ldc + L).fma(scale, c41).intoArray(c, cIndex + 4 * ldc + L);
            FloatVector.fromArray(S, c, cIndex + 5 * ldc).fma(scale, c50).intoArray(c, cIndex + 5 * ldc);
            FloatVector.fromArray(S, c, cIndex + 5 * ldc + L).fma(scale, c51).intoArray(c, cIndex + 5 * ldc + L);
            FloatVector.fromArray(S, c, cIndex + 6 * ldc).fma(scale, c60).intoArray(c, cIndex + 6 * ldc);
            FloatVector.fromArray(S, c, cIndex + 6 * ldc + L).fma(scale, c61).intoArray(c, cIndex + 6 * ldc + L);
            FloatVector.fromArray(S, c, cIndex + 7 * ldc).fma(scale, c70).intoArray(c, cIndex + 7 * ldc);
            FloatVector.fromArray(S, c, cIndex + 7 * ldc + L).fma(scale, c71).intoArray(c, cIndex + 7 * ldc + L);
        }
    }

    /** As {@link #kernelFull} for a tile of MR rows and L columns (one vector), where half a panel is left. */
    static void kernelHalf(float[] ap, int aBase, float[] bp, int bBase, int kc,
                           float[] c, int cIndex, int ldc, float beta) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c0 = zero, c1 = zero, c2 = zero, c3 = zero, c4 = zero, c5 = zero, c6 = zero, c7 = zero;
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
        if (beta == 0f) {
            c0.intoArray(c, cIndex + 0 * ldc);
            c1.intoArray(c, cIndex + 1 * ldc);
            c2.intoArray(c, cIndex + 2 * ldc);
            c3.intoArray(c, cIndex + 3 * ldc);
            c4.intoArray(c, cIndex + 4 * ldc);
            c5.intoArray(c, cIndex + 5 * ldc);
            c6.intoArray(c, cIndex + 6 * ldc);
            c7.intoArray(c, cIndex + 7 * ldc);
        } else {
            FloatVector scale = FloatVector.broadcast(S, beta);
            FloatVector.fromArray(S, c, cIndex + 0 * ldc).fma(scale, c0).intoArray(c, cIndex + 0 * ldc);
            FloatVector.fromArray(S, c, cIndex + 1 * ldc).fma(scale, c1).intoArray(c, cIndex + 1 * ldc);
            FloatVector.fromArray(S, c, cIndex + 2 * ldc).fma(scale, c2).intoArray(c, cIndex + 2 * ldc);
            FloatVector.fromArray(S, c, cIndex + 3 * ldc).fma(scale, c3).intoArray(c, cIndex + 3 * ldc);
            FloatVector.fromArray(S, c, cIndex + 4 * ldc).fma(scale, c4).intoArray(c, cIndex + 4 * ldc);
            FloatVector.fromArray(S, c, cIndex + 5 * ldc).fma(scale, c5).intoArray(c, cIndex + 5 * ldc);
            FloatVector.fromArray(S, c, cIndex + 6 * ldc).fma(scale, c6).intoArray(c, cIndex + 6 * ldc);
            FloatVector.fromArray(S, c, cIndex + 7 * ldc).fma(scale, c7).intoArray(c, cIndex + 7 * ldc);
        }
    }

    /**
     * Merges a scratch tile holding Ap·Bp (row stride NR) into the top-left rows×cols corner of a C tile:
     * C = fma(C, β, tile), or C = tile when β = 0.
     */
    static void mergeEdge(float[] tile, float[] c, int cIndex, int ldc, float beta, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int out = cIndex + r * ldc;
            int in = r * NR;
            if (beta == 0f) {
                System.arraycopy(tile, in, c, out, cols);
            } else {
                for (int j = 0; j < cols; j++) c[out + j] = Math.fma(c[out + j], beta, tile[in + j]);
            }
        }
    }
}
