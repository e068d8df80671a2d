package dev.gradflow.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sums over arrays. Whole-array sums widen every float to double before adding (as the scalar reference does),
 * in vector lanes: the result differs from the sequential double sum only by double rounding, never by float
 * rounding, however long the array.
 */
final class SimdReductions {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, S.vectorShape());
    private static final int L = S.length();

    private SimdReductions() {}

    /** Σ_i x[offset + i] for i &lt; n, in double. */
    static double sum(float[] x, int offset, int n) {
        DoubleVector low = DoubleVector.zero(D);
        DoubleVector high = DoubleVector.zero(D);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, offset + i);
            low = low.add((DoubleVector) v.convertShape(VectorOperators.F2D, D, 0));
            high = high.add((DoubleVector) v.convertShape(VectorOperators.F2D, D, 1));
        }
        double s = LaneMath.sum(low.add(high));
        for (; i < n; i++) s += x[offset + i];
        return s;
    }

    /** Σ_i x[offset + i]², in double. */
    static double sumOfSquares(float[] x, int offset, int n) {
        DoubleVector low = DoubleVector.zero(D);
        DoubleVector high = DoubleVector.zero(D);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, offset + i);
            DoubleVector vl = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector vh = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
            low = vl.fma(vl, low);
            high = vh.fma(vh, high);
        }
        double s = LaneMath.sum(low.add(high));
        for (; i < n; i++) {
            double v = x[offset + i];
            s += v * v;
        }
        return s;
    }

    /**
     * out[c] += Σ_r m[r, c], adding the rows in order r = 0, 1, … onto out[c] exactly as the scalar loop does, so
     * the two agree bit for bit. Four vectors of columns are carried in registers across all rows.
     */
    static void sumRowsInto(float[] m, int rows, int cols, float[] out) {
        int c = 0;
        for (; c + 4 * L <= cols; c += 4 * L) {
            FloatVector s0 = FloatVector.fromArray(S, out, c);
            FloatVector s1 = FloatVector.fromArray(S, out, c + L);
            FloatVector s2 = FloatVector.fromArray(S, out, c + 2 * L);
            FloatVector s3 = FloatVector.fromArray(S, out, c + 3 * L);
            for (int r = 0; r < rows; r++) {
                int row = r * cols + c;
                s0 = s0.add(FloatVector.fromArray(S, m, row));
                s1 = s1.add(FloatVector.fromArray(S, m, row + L));
                s2 = s2.add(FloatVector.fromArray(S, m, row + 2 * L));
                s3 = s3.add(FloatVector.fromArray(S, m, row + 3 * L));
            }
            s0.intoArray(out, c);
            s1.intoArray(out, c + L);
            s2.intoArray(out, c + 2 * L);
            s3.intoArray(out, c + 3 * L);
        }
        for (; c + L <= cols; c += L) {
            FloatVector s = FloatVector.fromArray(S, out, c);
            for (int r = 0; r < rows; r++) s = s.add(FloatVector.fromArray(S, m, r * cols + c));
            s.intoArray(out, c);
        }
        // The last cols mod L columns by scalar adds, the same float adds in the same order (no masked vector
        // operations: see SimdKernels on what C2 leaves uncompiled).
        for (; c < cols; c++) {
            float s = out[c];
            for (int r = 0; r < rows; r++) s += m[r * cols + c];
            out[c] = s;
        }
    }
}
