package dev.gradflow.backend.simd;

import dev.gradflow.backend.MagnitudeSummary;
import dev.gradflow.backend.RangeSummary;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The single-pass statistics of the gradient-flow probes, and max|x| and the zero count, on the Vector API.
 *
 * <p>Sums widen each float to double and accumulate in two double vectors (the low and the high half of the float
 * lanes), folded by {@link LaneMath#sum} and followed by the scalar tail: exactly the order of
 * {@link SimdReductions#sum} and {@link SimdReductions#sumOfSquares}, so a sum here has the same bits as there, and
 * the same bits warm or cold. (More accumulators do not help: these passes run at the cache's bandwidth.) Maxima and
 * counts work on the bits of |x| (x with its sign bit cleared) in int lanes: for non-negative floats the int order is
 * the float order, +∞ is 0x7f800000 and NaN is above it, so they are exact in any lane order.
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
        DoubleVector low = DoubleVector.zero(D);
        DoubleVector high = DoubleVector.zero(D);
        IntVector maxBits = IntVector.zero(I);
        IntVector zeros = IntVector.zero(I);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, offset + i);
            DoubleVector vl = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector vh = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
            low = vl.fma(vl, low);
            high = vh.fma(vh, high);
            IntVector bits = v.reinterpretAsInts().and(ABS);
            maxBits = maxBits.max(bits);
            zeros = zeros.add(1, bits.compare(VectorOperators.EQ, 0));
        }
        double sumOfSquares = LaneMath.sum(low.add(high));
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
        if (max < INFINITY_BITS) return new MagnitudeSummary(sumOfSquares, Float.intBitsToFloat(max), zeroCount, 0);
        // Rare: NaN or ±∞ present. Count them and take the maximum over the finite values in a second pass.
        int finiteMax = 0;
        int nonFinite = 0;
        for (int j = 0; j < n; j++) {
            int bits = Float.floatToRawIntBits(x[offset + j]) & ABS;
            if (bits >= INFINITY_BITS) nonFinite++;
            else finiteMax = Math.max(finiteMax, bits);
        }
        return new MagnitudeSummary(sumOfSquares, Float.intBitsToFloat(finiteMax), zeroCount, nonFinite);
    }

    /** Σx, Σx², count outside [low, high]; see {@link RangeSummary}. */
    static RangeSummary summarizeRange(float[] x, int n, float low, float high) {
        DoubleVector sumLow = DoubleVector.zero(D);
        DoubleVector sumHigh = DoubleVector.zero(D);
        DoubleVector squaresLow = DoubleVector.zero(D);
        DoubleVector squaresHigh = DoubleVector.zero(D);
        IntVector outside = IntVector.zero(I);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            DoubleVector vl = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector vh = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
            sumLow = sumLow.add(vl);
            sumHigh = sumHigh.add(vh);
            squaresLow = vl.fma(vl, squaresLow);
            squaresHigh = vh.fma(vh, squaresHigh);
            VectorMask<Float> out = v.compare(VectorOperators.LT, low).or(v.compare(VectorOperators.GT, high));
            outside = outside.add(1, out.cast(I));
        }
        double sum = LaneMath.sum(sumLow.add(sumHigh));
        double sumOfSquares = LaneMath.sum(squaresLow.add(squaresHigh));
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

    /** copy[i] = x[i]; returns Σx² with the bits of {@link SimdReductions#sumOfSquares}. */
    static double copyAndSumSquares(float[] x, float[] copy, int n) {
        DoubleVector low = DoubleVector.zero(D);
        DoubleVector high = DoubleVector.zero(D);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            v.intoArray(copy, i);
            DoubleVector vl = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector vh = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
            low = vl.fma(vl, low);
            high = vh.fma(vh, high);
        }
        double s = LaneMath.sum(low.add(high));
        for (; i < n; i++) {
            float v = x[i];
            copy[i] = v;
            double d = v;
            s += d * d;
        }
        return s;
    }

    /** Σ(a − b)², each difference rounded to float: the bits of sub then {@link SimdReductions#sumOfSquares}. */
    static double sumOfSquaredDifferences(float[] a, float[] b, int n) {
        DoubleVector low = DoubleVector.zero(D);
        DoubleVector high = DoubleVector.zero(D);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, a, i).sub(FloatVector.fromArray(S, b, i));
            DoubleVector vl = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector vh = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
            low = vl.fma(vl, low);
            high = vh.fma(vh, high);
        }
        double s = LaneMath.sum(low.add(high));
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
            zeroColumns += zeroLanes(o0) + zeroLanes(o1) + zeroLanes(o2) + zeroLanes(o3);
        }
        for (; c < cols; c += L) {
            VectorMask<Float> inRange = S.indexInRange(c, cols);
            IntVector o = IntVector.zero(I);
            for (int r = 0; r < rows; r++) o = o.or(FloatVector.fromArray(S, m, r * cols + c, inRange).reinterpretAsInts());
            zeroColumns += o.and(ABS).compare(VectorOperators.EQ, 0).and(inRange.cast(I)).trueCount();
        }
        return zeroColumns;
    }

    private static int zeroLanes(IntVector orOfBits) {
        return orOfBits.and(ABS).compare(VectorOperators.EQ, 0).trueCount();
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
