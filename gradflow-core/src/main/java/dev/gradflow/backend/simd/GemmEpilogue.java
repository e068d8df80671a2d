package dev.gradflow.backend.simd;

import dev.gradflow.backend.PointwiseFunction;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * What a fused linear layer does to each finished tile of C = x·Wᵀ while it is still in L1: C[i, j] += b[j] (the
 * pre-activation, kept in C) and A[i, j] = f(C[i, j]) (the activation, written to its own array of C's shape).
 *
 * <p>Each element gets exactly the arithmetic of the unfused kernels ({@code addRowVector}, then {@code pointwise}):
 * one float add, then f's vector form for ReLU, leaky ReLU, sigmoid and tanh — also in a row's tail, which is
 * computed as a whole vector padded with zeros, never by the scalar formula — or the scalar record's {@code apply}
 * for the other functions, as {@code SimdKernels.pointwise} falls back to. So fused and unfused layers give the same
 * bits.
 *
 * @param bias b, of C's column count, or null for none
 * @param function f
 * @param activation A, as long as C
 */
record GemmEpilogue(float[] bias, PointwiseFunction function, float[] activation) {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** The functions with a vector form; the rest use {@code apply} per element. */
    private enum Form { IDENTITY, RELU, LEAKY_RELU, SIGMOID, TANH, SCALAR }

    private Form form() {
        return switch (function) {
            case PointwiseFunction.Identity ignored -> Form.IDENTITY;
            case PointwiseFunction.Relu ignored -> Form.RELU;
            case PointwiseFunction.LeakyRelu ignored -> Form.LEAKY_RELU;
            case PointwiseFunction.Sigmoid ignored -> Form.SIGMOID;
            case PointwiseFunction.Tanh ignored -> Form.TANH;
            default -> Form.SCALAR;
        };
    }

    /**
     * Applies the epilogue to the rows×cols block of C at {@code cIndex} (row stride {@code ldc}, C starting at index
     * 0), whose first column is column {@code column} of C. {@code pad} is L floats of scratch.
     */
    void apply(float[] c, int cIndex, int ldc, int rows, int cols, int column, float[] pad) {
        Form form = form();
        float slope = function instanceof PointwiseFunction.LeakyRelu leaky ? leaky.slope() : 0f;
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int row = cIndex + r * ldc;
            if (bias != null) {
                int j = 0;
                for (; j < bound; j += L) {
                    FloatVector.fromArray(S, c, row + j).add(FloatVector.fromArray(S, bias, column + j)).intoArray(c, row + j);
                }
                for (; j < cols; j++) c[row + j] = c[row + j] + bias[column + j];
            }
            // One small loop per function, each with a single call site of the vector form, so that C2 inlines it
            // and keeps the vectors in registers.
            switch (form) {
                case IDENTITY -> System.arraycopy(c, row, activation, row, cols);
                case RELU -> reluRow(c, row, cols, bound, pad);
                case LEAKY_RELU -> leakyReluRow(c, row, cols, bound, pad, slope);
                case SIGMOID -> sigmoidRow(c, row, cols, bound, pad);
                case TANH -> tanhRow(c, row, cols, bound, pad);
                case SCALAR -> {
                    for (int j = 0; j < cols; j++) activation[row + j] = function.apply(c[row + j]);
                }
            }
        }
    }

    private void reluRow(float[] c, int row, int cols, int bound, float[] pad) {
        for (int j = 0; j < cols; j += L) {
            int at = load(c, row, j, cols, bound, pad);
            finish(SimdActivations.relu(FloatVector.fromArray(S, j < bound ? c : pad, at)), row, j, cols, bound, pad);
        }
    }

    private void leakyReluRow(float[] c, int row, int cols, int bound, float[] pad, float slope) {
        for (int j = 0; j < cols; j += L) {
            int at = load(c, row, j, cols, bound, pad);
            FloatVector v = FloatVector.fromArray(S, j < bound ? c : pad, at);
            finish(v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0f)), row, j, cols, bound, pad);
        }
    }

    private void sigmoidRow(float[] c, int row, int cols, int bound, float[] pad) {
        for (int j = 0; j < cols; j += L) {
            int at = load(c, row, j, cols, bound, pad);
            finish(SimdActivations.sigmoid(FloatVector.fromArray(S, j < bound ? c : pad, at)), row, j, cols, bound, pad);
        }
    }

    private void tanhRow(float[] c, int row, int cols, int bound, float[] pad) {
        for (int j = 0; j < cols; j += L) {
            int at = load(c, row, j, cols, bound, pad);
            finish(SimdActivations.tanh(FloatVector.fromArray(S, j < bound ? c : pad, at)), row, j, cols, bound, pad);
        }
    }

    /** Where the vector at column j of the row starts: in C, or for the tail in {@code pad} (copied, zero-padded). */
    private static int load(float[] c, int row, int j, int cols, int bound, float[] pad) {
        if (j < bound) return row + j;
        Arrays.fill(pad, 0f);
        System.arraycopy(c, row + j, pad, 0, cols - j);
        return 0;
    }

    /** Stores f's vector into the activation, through {@code pad} for the tail. */
    private void finish(FloatVector y, int row, int j, int cols, int bound, float[] pad) {
        if (j < bound) {
            y.intoArray(activation, row + j);
        } else {
            y.intoArray(pad, 0);
            System.arraycopy(pad, 0, activation, row + j, cols - j);
        }
    }

    /** The epilogue over a whole m×n C, for the products that do not go through tiles. */
    void applyAll(float[] c, int m, int n, float[] pad) {
        apply(c, 0, n, m, n, 0, pad);
    }
}
