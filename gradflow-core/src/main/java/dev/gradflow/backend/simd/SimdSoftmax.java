package dev.gradflow.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-wise softmax and log-softmax, stabilized by each row's max: softmax(x)_c = e^{x_c − max} / Σ e^{x_j − max},
 * log-softmax(x)_c = x_c − max − ln Σ e^{x_j − max}. The exponentials are float vector lanes (the scalar reference
 * uses double) and are summed in double lanes, as the reference sums in double, so long rows lose nothing to
 * float rounding in the sum; the two implementations agree to a few ulps.
 */
final class SimdSoftmax {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, S.vectorShape());
    private static final int L = S.length();

    private SimdSoftmax() {}

    static void softmaxRows(float[] x, float[] out, int rows, int cols) {
        int bound = S.loopBound(cols);
        VectorMask<Float> tail = S.indexInRange(bound, cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = rowMax(x, base, cols, bound, tail);
            DoubleVector sum = DoubleVector.zero(D);
            int c = 0;
            for (; c < bound; c += L) {
                FloatVector e = LaneMath.exp(FloatVector.fromArray(S, x, base + c).sub(max));
                e.intoArray(out, base + c);
                sum = addWidened(sum, e);
            }
            if (c < cols) {
                FloatVector e = LaneMath.exp(FloatVector.fromArray(S, x, base + c, tail).sub(max));
                e.intoArray(out, base + c, tail);
                sum = addWidened(sum, FloatVector.zero(S).blend(e, tail));
            }
            float inverse = (float) (1.0 / LaneMath.sum(sum));
            for (c = 0; c < bound; c += L) FloatVector.fromArray(S, out, base + c).mul(inverse).intoArray(out, base + c);
            if (c < cols) FloatVector.fromArray(S, out, base + c, tail).mul(inverse).intoArray(out, base + c, tail);
        }
    }

    static void logSoftmaxRows(float[] x, float[] out, int rows, int cols) {
        int bound = S.loopBound(cols);
        VectorMask<Float> tail = S.indexInRange(bound, cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = rowMax(x, base, cols, bound, tail);
            DoubleVector sum = DoubleVector.zero(D);
            int c = 0;
            for (; c < bound; c += L) {
                sum = addWidened(sum, LaneMath.exp(FloatVector.fromArray(S, x, base + c).sub(max)));
            }
            if (c < cols) {
                FloatVector e = LaneMath.exp(FloatVector.fromArray(S, x, base + c, tail).sub(max));
                sum = addWidened(sum, FloatVector.zero(S).blend(e, tail));
            }
            float shift = (float) (max + Math.log(LaneMath.sum(sum)));
            for (c = 0; c < bound; c += L) FloatVector.fromArray(S, x, base + c).sub(shift).intoArray(out, base + c);
            if (c < cols) FloatVector.fromArray(S, x, base + c, tail).sub(shift).intoArray(out, base + c, tail);
        }
    }

    /** sum + both halves of v, widened to double. */
    private static DoubleVector addWidened(DoubleVector sum, FloatVector v) {
        return sum.add((DoubleVector) v.convertShape(VectorOperators.F2D, D, 0))
                .add((DoubleVector) v.convertShape(VectorOperators.F2D, D, 1));
    }

    /** The row's max as Math.max folds it: NaN if any element is NaN, −∞ for an empty row. */
    private static float rowMax(float[] x, int base, int cols, int bound, VectorMask<Float> tail) {
        FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int c = 0;
        for (; c < bound; c += L) max = max.max(FloatVector.fromArray(S, x, base + c));
        if (c < cols) max = max.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, base + c, tail), tail);
        return max.reduceLanes(VectorOperators.MAX);
    }
}
