package dev.gradflow.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-wise softmax and log-softmax, stabilized by each row's max: softmax(x)_c = e^{x_c − max} / Σ e^{x_j − max},
 * log-softmax(x)_c = x_c − max − ln Σ e^{x_j − max}. The exponentials are float vector lanes (the scalar reference
 * uses double), the row sum is taken in double; the two agree to a few ulps.
 */
final class SimdSoftmax {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private SimdSoftmax() {}

    static void softmaxRows(float[] x, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = rowMax(x, base, cols);
            double sum = 0;
            for (int c = 0; c < cols; c += L) {
                VectorMask<Float> mask = S.indexInRange(c, cols);
                FloatVector e = FloatVector.fromArray(S, x, base + c, mask).sub(max).lanewise(VectorOperators.EXP);
                e.intoArray(out, base + c, mask);
                sum += e.reduceLanes(VectorOperators.ADD, mask);
            }
            float inverse = (float) (1.0 / sum);
            for (int c = 0; c < cols; c += L) {
                VectorMask<Float> mask = S.indexInRange(c, cols);
                FloatVector.fromArray(S, out, base + c, mask).mul(inverse).intoArray(out, base + c, mask);
            }
        }
    }

    static void logSoftmaxRows(float[] x, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = rowMax(x, base, cols);
            double sum = 0;
            for (int c = 0; c < cols; c += L) {
                VectorMask<Float> mask = S.indexInRange(c, cols);
                FloatVector e = FloatVector.fromArray(S, x, base + c, mask).sub(max).lanewise(VectorOperators.EXP);
                sum += e.reduceLanes(VectorOperators.ADD, mask);
            }
            float shift = (float) (max + Math.log(sum));
            for (int c = 0; c < cols; c += L) {
                VectorMask<Float> mask = S.indexInRange(c, cols);
                FloatVector.fromArray(S, x, base + c, mask).sub(shift).intoArray(out, base + c, mask);
            }
        }
    }

    /** The row's max as Math.max folds it: NaN if any element is NaN, −∞ for an empty row. */
    private static float rowMax(float[] x, int base, int cols) {
        FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int c = 0; c < cols; c += L) {
            VectorMask<Float> mask = S.indexInRange(c, cols);
            max = max.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, base + c, mask), mask);
        }
        return max.reduceLanes(VectorOperators.MAX);
    }
}
