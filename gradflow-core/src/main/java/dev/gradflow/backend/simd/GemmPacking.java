package dev.gradflow.backend.simd;

import dev.gradflow.backend.Transpose;
import java.util.Arrays;

/**
 * Copies blocks of op(A) and op(B) into the contiguous layouts the micro-kernels stream through, reading the
 * operands in place whether they are stored transposed or not (transposes are never materialized).
 *
 * <p>Packed A: panels of {@link GemmMicroKernels#MR} rows; panel q holds, for each p of the K block, the MR values
 * op(A)[i0 + q·MR + r, p] at {@code q·MR·kc + p·MR + r}. Packed B: panels of {@link GemmMicroKernels#NR} columns;
 * panel q holds op(B)[p, j0 + q·NR + c] at {@code q·NR·kc + p·NR + c}. Rows and columns beyond the matrix edge
 * are zero, so edge tiles compute like full ones and only their stores are masked.
 */
final class GemmPacking {
    private static final int MR = GemmMicroKernels.MR;
    private static final int NR = GemmMicroKernels.NR;

    private GemmPacking() {}

    /**
     * Packs op(A)[i0 : i0 + mc, p0 : p0 + kc] into {@code dst}. A is m×k row-major ({@link Transpose#NO}) or k×m
     * ({@link Transpose#YES}).
     */
    static void packA(Transpose transA, float[] a, int aOffset, int m, int k,
                      int i0, int mc, int p0, int kc, float[] dst) {
        for (int q = 0; q * MR < mc; q++) {
            int rowStart = i0 + q * MR;
            int rows = Math.min(MR, i0 + mc - rowStart);
            int base = q * MR * kc;
            if (transA == Transpose.NO) {
                for (int r = 0; r < rows; r++) {
                    int src = aOffset + (rowStart + r) * k + p0;
                    for (int p = 0; p < kc; p++) dst[base + p * MR + r] = a[src + p];
                }
                for (int r = rows; r < MR; r++) {
                    for (int p = 0; p < kc; p++) dst[base + p * MR + r] = 0f;
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = aOffset + (p0 + p) * m + rowStart;
                    int d = base + p * MR;
                    for (int r = 0; r < rows; r++) dst[d + r] = a[src + r];
                    for (int r = rows; r < MR; r++) dst[d + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs op(B)[p0 : p0 + kc, j0 : j0 + nc] into {@code dst}. B is k×n row-major ({@link Transpose#NO}) or n×k
     * ({@link Transpose#YES}).
     */
    static void packB(Transpose transB, float[] b, int bOffset, int n, int k,
                      int p0, int kc, int j0, int nc, float[] dst) {
        for (int q = 0; q * NR < nc; q++) {
            int colStart = j0 + q * NR;
            int cols = Math.min(NR, j0 + nc - colStart);
            int base = q * NR * kc;
            if (transB == Transpose.NO) {
                for (int p = 0; p < kc; p++) {
                    int d = base + p * NR;
                    System.arraycopy(b, bOffset + (p0 + p) * n + colStart, dst, d, cols);
                    if (cols < NR) Arrays.fill(dst, d + cols, d + NR, 0f);
                }
            } else {
                for (int c = 0; c < cols; c++) {
                    int src = bOffset + (colStart + c) * k + p0;
                    for (int p = 0; p < kc; p++) dst[base + p * NR + c] = b[src + p];
                }
                for (int c = cols; c < NR; c++) {
                    for (int p = 0; p < kc; p++) dst[base + p * NR + c] = 0f;
                }
            }
        }
    }
}
