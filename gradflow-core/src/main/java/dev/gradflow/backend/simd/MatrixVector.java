package dev.gradflow.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM's degenerate cases, where op(A) has one row or op(B) one column (a batch of one, a single output unit):
 * packing would copy as much data as the product reads, so these stream the matrix once instead.
 *
 * <p>Either the vector combines the matrix's rows, y = β·y + Σ_p x[p]·M[p, :], or it is dotted with each row,
 * y[i] = β·y[i] + Σ_p M[i, p]·x[p]. With β = 0, y's old contents are never read.
 */
final class MatrixVector {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private MatrixVector() {}

    /** y[j] = β·y[j] + Σ_{p &lt; rows} x[p]·M[p, j] for j &lt; cols, M stored rows×cols row-major. */
    static void combineRows(float[] x, int xOffset, float[] matrix, int matrixOffset, int rows, int cols,
                            float[] y, int yOffset, float beta) {
        int j = 0;
        for (; j + 4 * L <= cols; j += 4 * L) {
            FloatVector acc0 = FloatVector.zero(S), acc1 = acc0, acc2 = acc0, acc3 = acc0;
            for (int p = 0; p < rows; p++) {
                FloatVector xp = FloatVector.broadcast(S, x[xOffset + p]);
                int row = matrixOffset + p * cols + j;
                acc0 = xp.fma(FloatVector.fromArray(S, matrix, row), acc0);
                acc1 = xp.fma(FloatVector.fromArray(S, matrix, row + L), acc1);
                acc2 = xp.fma(FloatVector.fromArray(S, matrix, row + 2 * L), acc2);
                acc3 = xp.fma(FloatVector.fromArray(S, matrix, row + 3 * L), acc3);
            }
            int out = yOffset + j;
            if (beta != 0f) {
                FloatVector b = FloatVector.broadcast(S, beta);
                acc0 = FloatVector.fromArray(S, y, out).fma(b, acc0);
                acc1 = FloatVector.fromArray(S, y, out + L).fma(b, acc1);
                acc2 = FloatVector.fromArray(S, y, out + 2 * L).fma(b, acc2);
                acc3 = FloatVector.fromArray(S, y, out + 3 * L).fma(b, acc3);
            }
            acc0.intoArray(y, out);
            acc1.intoArray(y, out + L);
            acc2.intoArray(y, out + 2 * L);
            acc3.intoArray(y, out + 3 * L);
        }
        for (; j + L <= cols; j += L) {
            FloatVector acc = FloatVector.zero(S);
            for (int p = 0; p < rows; p++) {
                acc = FloatVector.broadcast(S, x[xOffset + p]).fma(FloatVector.fromArray(S, matrix, matrixOffset + p * cols + j), acc);
            }
            if (beta != 0f) acc = FloatVector.fromArray(S, y, yOffset + j).fma(FloatVector.broadcast(S, beta), acc);
            acc.intoArray(y, yOffset + j);
        }
        // The last cols mod L columns one by one, with the lanes' fused multiply-adds in the same order (no masked
        // vector operations: see SimdKernels on what C2 leaves uncompiled).
        for (; j < cols; j++) {
            float acc = 0f;
            for (int p = 0; p < rows; p++) acc = Math.fma(x[xOffset + p], matrix[matrixOffset + p * cols + j], acc);
            store(acc, y, yOffset + j, beta);
        }
    }

    /**
     * y[i] = β·y[i] + Σ_{p &lt; k} M[i, p]·x[p] for i &lt; rows, M stored rows×k row-major. Each row's dot product
     * accumulates p in vector lanes, reduces the lanes, then adds the tail; rows go four at a time to share the
     * loads of x, which does not change any row's arithmetic.
     */
    static void dotRows(float[] matrix, int matrixOffset, int rows, int k, float[] x, int xOffset,
                        float[] y, int yOffset, float beta) {
        int vectorEnd = S.loopBound(k);
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int row0 = matrixOffset + i * k;
            int row1 = row0 + k;
            int row2 = row1 + k;
            int row3 = row2 + k;
            FloatVector acc0 = FloatVector.zero(S), acc1 = acc0, acc2 = acc0, acc3 = acc0;
            for (int p = 0; p < vectorEnd; p += L) {
                FloatVector xv = FloatVector.fromArray(S, x, xOffset + p);
                acc0 = FloatVector.fromArray(S, matrix, row0 + p).fma(xv, acc0);
                acc1 = FloatVector.fromArray(S, matrix, row1 + p).fma(xv, acc1);
                acc2 = FloatVector.fromArray(S, matrix, row2 + p).fma(xv, acc2);
                acc3 = FloatVector.fromArray(S, matrix, row3 + p).fma(xv, acc3);
            }
            store(finishDot(acc0, matrix, row0, x, xOffset, vectorEnd, k), y, yOffset + i, beta);
            store(finishDot(acc1, matrix, row1, x, xOffset, vectorEnd, k), y, yOffset + i + 1, beta);
            store(finishDot(acc2, matrix, row2, x, xOffset, vectorEnd, k), y, yOffset + i + 2, beta);
            store(finishDot(acc3, matrix, row3, x, xOffset, vectorEnd, k), y, yOffset + i + 3, beta);
        }
        for (; i < rows; i++) {
            int row = matrixOffset + i * k;
            FloatVector acc = FloatVector.zero(S);
            for (int p = 0; p < vectorEnd; p += L) {
                acc = FloatVector.fromArray(S, matrix, row + p).fma(FloatVector.fromArray(S, x, xOffset + p), acc);
            }
            store(finishDot(acc, matrix, row, x, xOffset, vectorEnd, k), y, yOffset + i, beta);
        }
    }

    /** Reduces the lanes of a row's accumulator and adds the scalar tail p ∈ [vectorEnd, k). */
    private static float finishDot(FloatVector acc, float[] matrix, int row, float[] x, int xOffset, int vectorEnd, int k) {
        float dot = LaneMath.sum(acc);
        for (int p = vectorEnd; p < k; p++) dot = Math.fma(matrix[row + p], x[xOffset + p], dot);
        return dot;
    }

    private static void store(float dot, float[] y, int index, float beta) {
        y[index] = beta == 0f ? dot : Math.fma(y[index], beta, dot);
    }
}
