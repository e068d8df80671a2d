package dev.gradflow.backend.simd;

import dev.gradflow.backend.Parallelism;
import dev.gradflow.backend.Transpose;
import java.util.Arrays;

/**
 * C = op(A)·op(B) + β·C by the Goto/BLIS blocking: for each block of NC columns and each block of KC of the
 * inner dimension, a KC×NC slice of op(B) is packed (it stays in L2/L3), then for each block of MC rows a MC×KC
 * slice of op(A) is packed (it stays in L2), and the micro-kernels sweep MR×NR tiles of C (see
 * {@link GemmMicroKernels}). Packing reads A and B as stored, so all four transposition cases cost the same.
 *
 * <p>Threads take disjoint, tile-aligned blocks of C's columns (or rows, when C is taller than wide: each thread
 * then repacks the smaller operand), and only when the product has enough FLOPs to pay for waking a thread
 * ({@link Parallelism#partsFor}). Every element of C gets the same arithmetic whichever thread computes it, so the
 * result does not depend on the thread count. A product with a single row or column goes to {@link MatrixVector}.
 */
final class SimdGemm {
    /** Inner-dimension block: one MR×KC panel of A and one KC×NR panel of B stay in L1. */
    static final int KC = 256;
    /** Row block: a packed MC×KC slice of A (128 KB) stays in L2. */
    static final int MC = 128;
    /** Column block: a packed KC×NC slice of B (2 MB). */
    static final int NC = 2048;

    private static final int MR = GemmMicroKernels.MR;
    private static final int NR = GemmMicroKernels.NR;
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private SimdGemm() {}

    static void gemm(Transpose transA, Transpose transB, int m, int n, int k,
                     float[] a, int aOffset, float[] b, int bOffset, float beta, float[] c, int cOffset) {
        checkBounds(m, n, k, a, aOffset, b, bOffset, c, cOffset);
        if (m == 0 || n == 0) return;
        if (k == 0) {
            scaleC(m * n, beta, c, cOffset);
        } else if (m == 1) {
            // op(A) is one row: its k values are contiguous however A is stored.
            if (transB == Transpose.NO) MatrixVector.combineRows(a, aOffset, b, bOffset, k, n, c, cOffset, beta);
            else MatrixVector.dotRows(b, bOffset, n, k, a, aOffset, c, cOffset, beta);
        } else if (n == 1) {
            // op(B) is one column: its k values are contiguous however B is stored.
            if (transA == Transpose.NO) MatrixVector.dotRows(a, aOffset, m, k, b, bOffset, c, cOffset, beta);
            else MatrixVector.combineRows(b, bOffset, a, aOffset, k, m, c, cOffset, beta);
        } else {
            blockedInParallel(transA, transB, m, n, k, a, aOffset, b, bOffset, beta, c, cOffset);
        }
    }

    private static void blockedInParallel(Transpose transA, Transpose transB, int m, int n, int k,
                                          float[] a, int aOffset, float[] b, int bOffset, float beta, float[] c, int cOffset) {
        int kBlocks = ceilDiv(k, KC);
        int kcStep = ceilDiv(k, kBlocks);
        boolean splitColumns = n >= m;
        int tiles = splitColumns ? ceilDiv(n, NR) : ceilDiv(m, MR);
        int parts = Parallelism.partsFor(2L * m * n * k, tiles);
        if (parts == 1) {
            blocked(transA, transB, m, n, k, a, aOffset, b, bOffset, beta, c, cOffset, 0, m, 0, n, kcStep);
            return;
        }
        Parallelism.run(parts, part -> {
            int first = (int) ((long) tiles * part / parts);
            int last = (int) ((long) tiles * (part + 1) / parts);
            if (splitColumns) {
                blocked(transA, transB, m, n, k, a, aOffset, b, bOffset, beta, c, cOffset,
                        0, m, first * NR, Math.min(n, last * NR), kcStep);
            } else {
                blocked(transA, transB, m, n, k, a, aOffset, b, bOffset, beta, c, cOffset,
                        first * MR, Math.min(m, last * MR), 0, n, kcStep);
            }
        });
    }

    /** Computes the block C[rowStart:rowEnd, colStart:colEnd] on the calling thread. */
    private static void blocked(Transpose transA, Transpose transB, int m, int n, int k,
                                float[] a, int aOffset, float[] b, int bOffset, float beta, float[] c, int cOffset,
                                int rowStart, int rowEnd, int colStart, int colEnd, int kcStep) {
        Workspace ws = WORKSPACE.get();
        float[] packedA = ws.packedA(roundUp(Math.min(MC, rowEnd - rowStart), MR) * kcStep);
        float[] packedB = ws.packedB(roundUp(Math.min(NC, colEnd - colStart), NR) * kcStep);
        for (int jc = colStart; jc < colEnd; jc += NC) {
            int nc = Math.min(NC, colEnd - jc);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                float blockBeta = pc == 0 ? beta : 1f;
                GemmPacking.packB(transB, b, bOffset, n, k, pc, kc, jc, nc, packedB);
                for (int ic = rowStart; ic < rowEnd; ic += MC) {
                    int mc = Math.min(MC, rowEnd - ic);
                    GemmPacking.packA(transA, a, aOffset, m, k, ic, mc, pc, kc, packedA);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int cols = Math.min(NR, nc - jr);
                        int bBase = jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir);
                            int cIndex = cOffset + (ic + ir) * n + jc + jr;
                            kernel(packedA, ir * kc, packedB, bBase, kc, c, cIndex, n, blockBeta, rows, cols, ws.tile);
                        }
                    }
                }
            }
        }
    }

    /** One tile: straight into C when it is a full MR×NR or MR×HALF tile, else through the scratch tile. */
    private static void kernel(float[] packedA, int aBase, float[] packedB, int bBase, int kc,
                               float[] c, int cIndex, int ldc, float beta, int rows, int cols, float[] tile) {
        if (rows == MR && cols == NR) {
            GemmMicroKernels.kernelFull(packedA, aBase, packedB, bBase, kc, c, cIndex, ldc, beta);
        } else if (rows == MR && cols == GemmMicroKernels.HALF) {
            GemmMicroKernels.kernelHalf(packedA, aBase, packedB, bBase, kc, c, cIndex, ldc, beta);
        } else {
            if (cols <= GemmMicroKernels.HALF) {
                GemmMicroKernels.kernelHalf(packedA, aBase, packedB, bBase, kc, tile, 0, NR, 0f);
            } else {
                GemmMicroKernels.kernelFull(packedA, aBase, packedB, bBase, kc, tile, 0, NR, 0f);
            }
            GemmMicroKernels.mergeEdge(tile, c, cIndex, ldc, beta, rows, cols);
        }
    }

    private static void scaleC(int size, float beta, float[] c, int cOffset) {
        if (beta == 0f) {
            Arrays.fill(c, cOffset, cOffset + size, 0f);
        } else if (beta != 1f) {
            for (int i = cOffset; i < cOffset + size; i++) c[i] *= beta;
        }
    }

    private static void checkBounds(int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
                                    float[] c, int cOffset) {
        if (m < 0 || n < 0 || k < 0 || aOffset < 0 || bOffset < 0 || cOffset < 0
                || (long) aOffset + (long) m * k > a.length || (long) bOffset + (long) k * n > b.length
                || (long) cOffset + (long) m * n > c.length) {
            throw new IllegalArgumentException("gemm: m=" + m + ", n=" + n + ", k=" + k + " with offsets a=" + aOffset
                    + ", b=" + bOffset + ", c=" + cOffset + " does not fit arrays of length a=" + a.length
                    + ", b=" + b.length + ", c=" + c.length);
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }

    /** Per-thread packing buffers, grown on demand and reused across calls. */
    private static final class Workspace {
        private float[] packedA = new float[0];
        private float[] packedB = new float[0];
        /** Scratch for edge tiles, MR×NR. */
        final float[] tile = new float[MR * NR];

        float[] packedA(int size) {
            if (packedA.length < size) packedA = new float[size];
            return packedA;
        }

        float[] packedB(int size) {
            if (packedB.length < size) packedB = new float[size];
            return packedB;
        }
    }
}
