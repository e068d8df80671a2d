package dev.gradflow.backend.simd;

import dev.gradflow.backend.Transpose;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of op(A) and op(B) into the contiguous layouts the micro-kernels stream through, reading the
 * operands in place whether they are stored transposed or not (transposes are never materialized).
 *
 * <p>Packed A: panels of {@link GemmMicroKernels#MR} rows; panel q holds, for each p of the K block, the MR values
 * op(A)[i0 + q·MR + r, p] at {@code q·MR·kc + p·MR + r}. Packed B: panels of {@link GemmMicroKernels#NR} columns;
 * panel q holds op(B)[p, j0 + q·NR + c] at {@code q·NR·kc + p·NR + c}. Rows and columns beyond the matrix edge
 * are zero, so edge tiles compute like full ones.
 *
 * <p>Packing uses plain loops except for one contiguous 8-float copy: it runs once per block, so it may run
 * interpreted or in C1 for a while after start-up, where Vector API calls (gathers especially, which were tried)
 * are orders of magnitude slower than loops.
 */
final class GemmPacking {
    private static final int MR = GemmMicroKernels.MR;
    private static final int NR = GemmMicroKernels.NR;
    /** One p-slice of an A panel: MR = 8 floats, a plain 256-bit load and store. */
    private static final VectorSpecies<Float> SLICE = FloatVector.SPECIES_256;

    static {
        if (MR != 8) throw new AssertionError("packA's row-stream copy is unrolled for MR = 8, not " + MR);
    }

    private GemmPacking() {}

    /**
     * Packs op(A)[i0 : i0 + mc, p0 : p0 + kc] into {@code dst}, its first panel at {@code dstOffset}. A is m×k row-major ({@link Transpose#NO}) or k×m
     * ({@link Transpose#YES}).
     */
    static void packA(Transpose transA, float[] a, int aOffset, int m, int k,
                      int i0, int mc, int p0, int kc, float[] dst, int dstOffset) {
        int fullPanels = mc / MR;
        if (transA == Transpose.NO) {
            for (int q = 0; q < fullPanels; q++) {
                // Eight row streams, one contiguous MR-slice of the panel per p.
                int base = dstOffset + q * MR * kc;
                int src = aOffset + (i0 + q * MR) * k + p0;
                for (int p = 0; p < kc; p++) {
                    int d = base + p * MR;
                    int at = src + p;
                    dst[d] = a[at];
                    dst[d + 1] = a[at + k];
                    dst[d + 2] = a[at + 2 * k];
                    dst[d + 3] = a[at + 3 * k];
                    dst[d + 4] = a[at + 4 * k];
                    dst[d + 5] = a[at + 5 * k];
                    dst[d + 6] = a[at + 6 * k];
                    dst[d + 7] = a[at + 7 * k];
                }
            }
        } else {
            // Stored transposed: row p of the stored matrix holds op(A)[i0 : i0 + mc, p]; read it once, left to right,
            // dealing MR-slices to the panels.
            for (int p = 0; p < kc; p++) {
                int src = aOffset + (p0 + p) * m + i0;
                int d = dstOffset + p * MR;
                for (int q = 0; q < fullPanels; q++) FloatVector.fromArray(SLICE, a, src + q * MR).intoArray(dst, d + q * MR * kc);
            }
        }
        int rows = mc - fullPanels * MR;
        if (rows > 0) {
            packEdgeA(transA, a, aOffset, m, k, i0 + fullPanels * MR, rows, p0, kc, dst, dstOffset + fullPanels * MR * kc);
        }
    }

    /** The last, partial panel of A: scalar copies, zero rows below the matrix edge. */
    private static void packEdgeA(Transpose transA, float[] a, int aOffset, int m, int k,
                                  int rowStart, int rows, int p0, int kc, float[] dst, int base) {
        for (int p = 0; p < kc; p++) {
            int d = base + p * MR;
            for (int r = 0; r < rows; r++) {
                dst[d + r] = transA == Transpose.NO ? a[aOffset + (rowStart + r) * k + p0 + p] : a[aOffset + (p0 + p) * m + rowStart + r];
            }
            for (int r = rows; r < MR; r++) dst[d + r] = 0f;
        }
    }


    /**
     * Packs op(B)[p0 : p0 + kc, j0 : j0 + nc] into {@code dst}, its first panel at {@code dstOffset}. B is k×n row-major ({@link Transpose#NO}) or n×k
     * ({@link Transpose#YES}).
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
