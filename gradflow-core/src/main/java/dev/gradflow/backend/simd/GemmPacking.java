package dev.gradflow.backend.simd;

import dev.gradflow.backend.Transpose;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Copies blocks of op(A) and op(B) into the contiguous layouts the micro-kernels stream through, reading the
 * operands in place whether they are stored transposed or not (transposes are never materialized).
 *
 * <p>Packed A: panels of {@link GemmMicroKernels#MR} rows; panel q holds, for each p of the K block, the MR values
 * op(A)[i0 + q·MR + r, p] at {@code q·MR·kc + p·MR + r}. Packed B: panels of {@link GemmMicroKernels#NR} columns;
 * panel q holds op(B)[p, j0 + q·NR + c] at {@code q·NR·kc + p·NR + c}. Rows and columns beyond the matrix edge
 * are zero, so edge tiles compute like full ones.
 *
 * <p>Operands stored "the other way round" (A as m×k, B as n×k) are transposed in 8×8 register blocks
 * ({@link RowTranspose}); the others are copied in contiguous runs. Gathers were tried and dropped: until C2
 * compiles them they run orders of magnitude slower than loops, and packing runs rarely enough to stay cold a while.
 */
final class GemmPacking {
    private static final int MR = GemmMicroKernels.MR;
    private static final int NR = GemmMicroKernels.NR;
    /** Whether 8-float vectors are native; where they are not (128-bit SIMD) they would be emulated, so copy by loops. */
    private static final boolean WIDE_VECTORS = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    /** 16-float vectors: B panels are transposed sixteen stored rows at a time ({@link RowTranspose#sixteenRows}). */
    private static final boolean SIXTEEN_LANES = FloatVector.SPECIES_PREFERRED.length() == 16;

    static {
        if (MR != 8) throw new AssertionError("A panels are packed as 8-float slices (RowTranspose), but MR = " + MR);
    }

    private GemmPacking() {}

    /**
     * Packs op(A)[i0 : i0 + mc, p0 : p0 + kc] into {@code dst}, its first panel at {@code dstOffset}. A is m×k
     * row-major ({@link Transpose#NO}) or k×m ({@link Transpose#YES}).
     */
    static void packA(Transpose transA, float[] a, int aOffset, int m, int k,
                      int i0, int mc, int p0, int kc, float[] dst, int dstOffset) {
        int fullPanels = WIDE_VECTORS ? mc / MR : 0;
        if (transA == Transpose.NO) {
            for (int q = 0; q < fullPanels; q++) {
                RowTranspose.eightRows(a, aOffset + (i0 + q * MR) * k + p0, k, kc, dst, dstOffset + q * MR * kc, MR);
            }
        } else {
            // Stored transposed: row p of the stored matrix holds op(A)[i0 : i0 + mc, p]; read it once, left to right,
            // dealing MR-slices to the panels.
            for (int p = 0; p < kc; p++) {
                int src = aOffset + (p0 + p) * m + i0;
                int d = dstOffset + p * MR;
                for (int q = 0; q < fullPanels; q++) System.arraycopy(a, src + q * MR, dst, d + q * MR * kc, MR);
            }
        }
        for (int q = fullPanels; q * MR < mc; q++) {
            int rowStart = i0 + q * MR;
            packPanelA(transA, a, aOffset, m, k, rowStart, Math.min(MR, i0 + mc - rowStart), p0, kc, dst, dstOffset + q * MR * kc);
        }
    }

    /** One panel of A by scalar copies (the edge panel, or all without wide vectors); zero rows past the edge. */
    private static void packPanelA(Transpose transA, float[] a, int aOffset, int m, int k,
                                  int rowStart, int rows, int p0, int kc, float[] dst, int base) {
        for (int p = 0; p < kc; p++) {
            int d = base + p * MR;
            for (int r = 0; r < rows; r++) {
                dst[d + r] = transA == Transpose.NO
                        ? a[aOffset + (rowStart + r) * k + p0 + p]
                        : a[aOffset + (p0 + p) * m + rowStart + r];
            }
            for (int r = rows; r < MR; r++) dst[d + r] = 0f;
        }
    }


    /**
     * Packs op(B)[p0 : p0 + kc, j0 : j0 + nc] into {@code dst}, its first panel at {@code dstOffset}. B is k×n
     * row-major ({@link Transpose#NO}) or n×k ({@link Transpose#YES}).
     */
    static void packB(Transpose transB, float[] b, int bOffset, int n, int k,
                      int p0, int kc, int j0, int nc, float[] dst, int dstOffset) {
        for (int q = 0; q * NR < nc; q++) {
            int colStart = j0 + q * NR;
            int cols = Math.min(NR, j0 + nc - colStart);
            int base = dstOffset + q * NR * kc;
            if (transB == Transpose.NO) {
                for (int p = 0; p < kc; p++) {
                    int d = base + p * NR;
                    System.arraycopy(b, bOffset + (p0 + p) * n + colStart, dst, d, cols);
                    if (cols < NR) Arrays.fill(dst, d + cols, d + NR, 0f);
                }
            } else {
                // Stored transposed: groups of eight (with 16-float vectors, sixteen) stored rows are as many columns
                // of the panel.
                int group = SIXTEEN_LANES ? 16 : 8;
                int groups = WIDE_VECTORS ? cols / group : 0;
                for (int g = 0; g < groups; g++) {
                    int from = bOffset + (colStart + g * group) * k + p0;
                    if (SIXTEEN_LANES) RowTranspose.sixteenRows(b, from, k, kc, dst, base + g * group, NR);
                    else RowTranspose.eightRows(b, from, k, kc, dst, base + g * group, NR);
                }
                for (int c = groups * group; c < cols; c++) {
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
