package dev.gradflow.backend.simd;

import dev.gradflow.backend.MagnitudeSummary;
import dev.gradflow.backend.RangeSummary;
import dev.gradflow.backend.UpdateSummary;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The single-pass statistics of the gradient-flow probes, and max|x| and the zero count, on the Vector API.
 *
 * <p>Sums widen floats to double and accumulate them in four double vectors, 2L floats (two float vectors) per
 * iteration: each half of each float vector converts to one full-width double vector (with a single pair of
 * accumulators the loop runs about 1.5× slower). Only full-width float vectors: a second float shape puts two vector
 * classes into the type profiles of the API's shared methods, and C2 may then leave one class's operations as calls
 * (see {@link SimdKernels}). The accumulators are added as (first + second) + (third + fourth), folded by
 * {@link LaneMath#sum}, and the scalar tail (fewer than 2L values) follows. The order is fixed, so a sum has the same bits warm or cold; it differs
 * from the sequential sum of {@code ScalarKernels} (and from {@link SimdReductions}) by double rounding only.
 * Maxima and counts work on the bits of |x| (x with its sign bit cleared) in int lanes: for non-negative floats the
 * int order is the float order, +∞ is 0x7f800000 and NaN is above it, so they are exact in any lane order.
 */
final class SimdStatistics {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, S.vectorShape());
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
    private static final int L = S.length();
    private static final int ABS = 0x7fffffff;
    private static final int INFINITY_BITS = 0x7f800000;

    private SimdStatistics() {}

    /** Σx², max|x| over finite x, zeros, non-finite count; see {@link MagnitudeSummary}. */
    static MagnitudeSummary summarizeMagnitudes(float[] x, int offset, int n) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        DoubleVector s2 = DoubleVector.zero(D);
        DoubleVector s3 = DoubleVector.zero(D);
        IntVector maxBits = IntVector.zero(I);
        IntVector zeros = IntVector.zero(I);
        int i = 0;
        for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
            int at = offset + i;
            FloatVector v0 = FloatVector.fromArray(S, x, at);
            FloatVector v1 = FloatVector.fromArray(S, x, at + L);
            DoubleVector x0 = (DoubleVector) v0.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector x1 = (DoubleVector) v0.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector x2 = (DoubleVector) v1.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector x3 = (DoubleVector) v1.convertShape(VectorOperators.F2D, D, 1);
            s0 = x0.fma(x0, s0);
            s1 = x1.fma(x1, s1);
            s2 = x2.fma(x2, s2);
            s3 = x3.fma(x3, s3);
            IntVector b0 = v0.reinterpretAsInts().and(ABS);
            IntVector b1 = v1.reinterpretAsInts().and(ABS);
            maxBits = maxBits.max(b0).max(b1);
            zeros = zeros.add(1, b0.compare(VectorOperators.EQ, 0)).add(1, b1.compare(VectorOperators.EQ, 0));
        }
        double sumOfSquares = LaneMath.sum(s0.add(s1).add(s2.add(s3)));
        int max = maxBits.reduceLanes(VectorOperators.MAX);
        int zeroCount = zeros.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float v = x[offset + i];
            double d = v;
            sumOfSquares += d * d;
            int bits = Float.floatToRawIntBits(v) & ABS;
            max = Math.max(max, bits);
            if (bits == 0) zeroCount++;
        }
        return magnitudes(x, offset, n, sumOfSquares, max, zeroCount);
    }

    /**
     * The summary from a pass's sum of squares, largest |x| bits and zero count; when those bits say NaN or ±∞ is
     * present (rare), a second, scalar pass counts them and takes the maximum over the finite values.
     */
    private static MagnitudeSummary magnitudes(float[] x, int offset, int n, double sumOfSquares, int maxBits, int zeros) {
        if (maxBits < INFINITY_BITS) return new MagnitudeSummary(sumOfSquares, Float.intBitsToFloat(maxBits), zeros, 0);
        int finiteMax = 0;
        int nonFinite = 0;
        for (int j = 0; j < n; j++) {
            int bits = Float.floatToRawIntBits(x[offset + j]) & ABS;
            if (bits >= INFINITY_BITS) nonFinite++;
            else finiteMax = Math.max(finiteMax, bits);
        }
        return new MagnitudeSummary(sumOfSquares, Float.intBitsToFloat(finiteMax), zeros, nonFinite);
    }

    /**
     * Σbefore² and Σ(after − before)² in one loop over after[afterOffset ..] and before[beforeOffset ..]. Each sum has
     * the lane order of the other kernels.
     */
    static UpdateSummary summarizeUpdate(float[] after, int afterOffset, float[] before, int beforeOffset, int n) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        DoubleVector s2 = DoubleVector.zero(D);
        DoubleVector s3 = DoubleVector.zero(D);
        DoubleVector w0 = DoubleVector.zero(D);
        DoubleVector w1 = DoubleVector.zero(D);
        DoubleVector w2 = DoubleVector.zero(D);
        DoubleVector w3 = DoubleVector.zero(D);
        int i = 0;
        for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
            FloatVector before0 = FloatVector.fromArray(S, before, beforeOffset + i);
            FloatVector before1 = FloatVector.fromArray(S, before, beforeOffset + i + L);
            FloatVector change0 = FloatVector.fromArray(S, after, afterOffset + i).sub(before0);
            FloatVector change1 = FloatVector.fromArray(S, after, afterOffset + i + L).sub(before1);
            DoubleVector d0 = (DoubleVector) change0.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector d1 = (DoubleVector) change0.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector d2 = (DoubleVector) change1.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector d3 = (DoubleVector) change1.convertShape(VectorOperators.F2D, D, 1);
            s0 = d0.fma(d0, s0);
            s1 = d1.fma(d1, s1);
            s2 = d2.fma(d2, s2);
            s3 = d3.fma(d3, s3);
            DoubleVector y0 = (DoubleVector) before0.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector y1 = (DoubleVector) before0.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector y2 = (DoubleVector) before1.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector y3 = (DoubleVector) before1.convertShape(VectorOperators.F2D, D, 1);
            w0 = y0.fma(y0, w0);
            w1 = y1.fma(y1, w1);
            w2 = y2.fma(y2, w2);
            w3 = y3.fma(y3, w3);
        }
        double differences = LaneMath.sum(s0.add(s1).add(s2.add(s3)));
        double squares = LaneMath.sum(w0.add(w1).add(w2.add(w3)));
        for (; i < n; i++) {
            float b = before[beforeOffset + i];
            double d = after[afterOffset + i] - b;
            differences += d * d;
            double e = b;
            squares += e * e;
        }
        return new UpdateSummary(squares, differences);
    }

    /** Σx, Σx², count outside [low, high]; see {@link RangeSummary}. */
    static RangeSummary summarizeRange(float[] x, int n, float low, float high) {
        DoubleVector t0 = DoubleVector.zero(D);
        DoubleVector t1 = DoubleVector.zero(D);
        DoubleVector t2 = DoubleVector.zero(D);
        DoubleVector t3 = DoubleVector.zero(D);
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        DoubleVector s2 = DoubleVector.zero(D);
        DoubleVector s3 = DoubleVector.zero(D);
        IntVector outside = IntVector.zero(I);
        int i = 0;
        for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
            FloatVector v0 = FloatVector.fromArray(S, x, i);
            FloatVector v1 = FloatVector.fromArray(S, x, i + L);
            DoubleVector x0 = (DoubleVector) v0.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector x1 = (DoubleVector) v0.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector x2 = (DoubleVector) v1.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector x3 = (DoubleVector) v1.convertShape(VectorOperators.F2D, D, 1);
            t0 = t0.add(x0);
            t1 = t1.add(x1);
            t2 = t2.add(x2);
            t3 = t3.add(x3);
            s0 = x0.fma(x0, s0);
            s1 = x1.fma(x1, s1);
            s2 = x2.fma(x2, s2);
            s3 = x3.fma(x3, s3);
            VectorMask<Float> out0 = v0.compare(VectorOperators.LT, low).or(v0.compare(VectorOperators.GT, high));
            VectorMask<Float> out1 = v1.compare(VectorOperators.LT, low).or(v1.compare(VectorOperators.GT, high));
            outside = outside.add(1, out0.cast(I)).add(1, out1.cast(I));
        }
        double sum = LaneMath.sum(t0.add(t1).add(t2.add(t3)));
        double sumOfSquares = LaneMath.sum(s0.add(s1).add(s2.add(s3)));
        int outsideCount = outside.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float v = x[i];
            sum += v;
            double d = v;
            sumOfSquares += d * d;
            if (v < low || v > high) outsideCount++;
        }
        return new RangeSummary(sum, sumOfSquares, outsideCount);
    }

    /** Σ(a − b)², each difference rounded to float as {@code sub} rounds it. */
    static double sumOfSquaredDifferences(float[] a, float[] b, int n) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        DoubleVector s2 = DoubleVector.zero(D);
        DoubleVector s3 = DoubleVector.zero(D);
        int i = 0;
        for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
            FloatVector d0 = FloatVector.fromArray(S, a, i).sub(FloatVector.fromArray(S, b, i));
            FloatVector d1 = FloatVector.fromArray(S, a, i + L).sub(FloatVector.fromArray(S, b, i + L));
            DoubleVector x0 = (DoubleVector) d0.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector x1 = (DoubleVector) d0.convertShape(VectorOperators.F2D, D, 1);
            DoubleVector x2 = (DoubleVector) d1.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector x3 = (DoubleVector) d1.convertShape(VectorOperators.F2D, D, 1);
            s0 = x0.fma(x0, s0);
            s1 = x1.fma(x1, s1);
            s2 = x2.fma(x2, s2);
            s3 = x3.fma(x3, s3);
        }
        double s = LaneMath.sum(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    /**
     * Columns of a rows×cols matrix that are ±0 in every row: the bits of each column are ORed over the rows (four
     * vectors of columns held in registers, as {@link SimdReductions#sumRowsInto} walks the matrix), and a column is
     * zero when its OR, sign bit cleared, is 0.
     */
    static int countZeroColumns(float[] m, int rows, int cols) {
        int zeroColumns = 0;
        int c = 0;
        for (; c + 4 * L <= cols; c += 4 * L) {
            IntVector o0 = IntVector.zero(I);
            IntVector o1 = IntVector.zero(I);
            IntVector o2 = IntVector.zero(I);
            IntVector o3 = IntVector.zero(I);
            for (int r = 0; r < rows; r++) {
                int row = r * cols + c;
                o0 = o0.or(FloatVector.fromArray(S, m, row).reinterpretAsInts());
                o1 = o1.or(FloatVector.fromArray(S, m, row + L).reinterpretAsInts());
                o2 = o2.or(FloatVector.fromArray(S, m, row + 2 * L).reinterpretAsInts());
                o3 = o3.or(FloatVector.fromArray(S, m, row + 3 * L).reinterpretAsInts());
            }
            // A column is all ±0 exactly when the OR of its bits, sign cleared, is 0.
            zeroColumns += o0.and(ABS).compare(VectorOperators.EQ, 0).trueCount()
                    + o1.and(ABS).compare(VectorOperators.EQ, 0).trueCount()
                    + o2.and(ABS).compare(VectorOperators.EQ, 0).trueCount()
                    + o3.and(ABS).compare(VectorOperators.EQ, 0).trueCount();
        }
        for (; c + L <= cols; c += L) {
            IntVector o = IntVector.zero(I);
            for (int r = 0; r < rows; r++) o = o.or(FloatVector.fromArray(S, m, r * cols + c).reinterpretAsInts());
            zeroColumns += o.and(ABS).compare(VectorOperators.EQ, 0).trueCount();
        }
        // The last cols mod L columns one by one (no masked vector operations: see SimdKernels on why).
        for (; c < cols; c++) {
            int o = 0;
            for (int r = 0; r < rows; r++) o |= Float.floatToRawIntBits(m[r * cols + c]);
            if ((o & ABS) == 0) zeroColumns++;
        }
        return zeroColumns;
    }

    /** max|x| (exact for finite x: the largest |x| bits). */
    static float maxAbs(float[] x, int offset, int n) {
        IntVector maxBits = IntVector.zero(I);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            maxBits = maxBits.max(FloatVector.fromArray(S, x, offset + i).reinterpretAsInts().and(ABS));
        }
        int max = maxBits.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) max = Math.max(max, Float.floatToRawIntBits(x[offset + i]) & ABS);
        return Float.intBitsToFloat(max);
    }

    /** The number of ±0 values. */
    static int countZeros(float[] x, int offset, int n) {
        IntVector zeros = IntVector.zero(I);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            IntVector bits = FloatVector.fromArray(S, x, offset + i).reinterpretAsInts().and(ABS);
            zeros = zeros.add(1, bits.compare(VectorOperators.EQ, 0));
        }
        int count = zeros.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) if ((Float.floatToRawIntBits(x[offset + i]) & ABS) == 0) count++;
        return count;
    }
}
