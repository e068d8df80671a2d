package dev.gradflow.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.MagnitudeSummary;
import dev.gradflow.backend.RangeSummary;
import dev.gradflow.backend.ScalarKernels;
import dev.gradflow.backend.UpdateSummary;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The probes' single-pass kernels of {@link SimdKernels} ({@link SimdStatistics}) against {@link ScalarKernels} at
 * awkward lengths, with ±0, ±∞, NaN and subnormals mixed in: counts, maxima and copies identical, sums equal to
 * double rounding (and to the SIMD {@code sum}/{@code sumOfSquares} the probes used before); the same bits on the
 * first call and after thousands.
 */
class SimdStatisticsDifferentialTest {
    private static final int[] SIZES = {0, 1, 3, 7, 8, 13, 15, 16, 17, 31, 64, 207, 1023, 1029};
    private static final float[] SPECIALS = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.MIN_VALUE, -Float.MIN_NORMAL / 3, 1e-30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE, 0.99f, 0.01f};
    private static final int OFFSET = 5;

    private final Kernels simd = new SimdKernels();
    private final Kernels scalar = new ScalarKernels();
    private final SplittableRandom random = new SplittableRandom(77);

    /** Gaussian values, a quarter of them zero; with {@code specials}, one in eight a special value. */
    private float[] data(int n, boolean specials) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(8);
            if (specials && kind == 0) x[i] = SPECIALS[random.nextInt(SPECIALS.length)];
            else x[i] = kind < 3 ? (random.nextBoolean() ? 0f : -0f) : (float) random.nextGaussian();
        }
        return x;
    }

    /** Both NaN, both the same infinity, or within double rounding of each other (relative to Σ|terms|). */
    private static void assertSum(double expected, double actual, double sumOfMagnitudes, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, 1e-13 * sumOfMagnitudes + 1e-300, what);
        }
    }

    private static double sumOfMagnitudes(float[] x, int offset, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.abs((double) x[offset + i]);
        return s;
    }

    private static void assertSum(double expected, double actual, String what) {
        assertSum(expected, actual, Math.abs(expected), what);
    }

    @Test
    void summarizeMagnitudesAgreesWithTheReference() {
        for (int n : SIZES) {
            for (boolean specials : new boolean[] {false, true}) {
                float[] x = data(n + OFFSET, specials);
                String what = "summarizeMagnitudes n=" + n + (specials ? " with specials" : "");
                MagnitudeSummary expected = scalar.summarizeMagnitudes(x, OFFSET, n);
                MagnitudeSummary actual = simd.summarizeMagnitudes(x, OFFSET, n);
                assertEquals(expected.maxAbs(), actual.maxAbs(), what);
                assertEquals(expected.zeros(), actual.zeros(), what);
                assertEquals(expected.nonFinite(), actual.nonFinite(), what);
                assertSum(expected.sumOfSquares(), actual.sumOfSquares(), what);
                assertSum(simd.sumOfSquares(x, OFFSET, n), actual.sumOfSquares(), what + ": as sumOfSquares");
            }
        }
    }

    @Test
    void nonFiniteValuesAreCountedAndKeptOutOfTheMaximum() {
        for (int n : SIZES) {
            if (n == 0) continue;
            float[] x = data(n, false);
            x[n / 2] = Float.NaN;
            x[n - 1] = Float.NEGATIVE_INFINITY;
            int nonFinite = n == 1 ? 1 : 2;
            float max = 0f;
            for (int i = 0; i < n; i++) if (Float.isFinite(x[i])) max = Math.max(max, Math.abs(x[i]));
            for (Kernels k : new Kernels[] {scalar, simd}) {
                MagnitudeSummary s = k.summarizeMagnitudes(x, 0, n);
                assertEquals(nonFinite, s.nonFinite(), k.name() + " n=" + n);
                assertEquals(max, s.maxAbs(), k.name() + " n=" + n);
                assertTrue(!Double.isFinite(s.sumOfSquares()), k.name() + " n=" + n);
            }
        }
    }

    @Test
    void summarizeRangeAgreesWithTheReference() {
        float[][] bounds = {{0.01f, 0.99f}, {-0.99f, 0.99f}, {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, {0f, 0f}};
        for (int n : SIZES) {
            for (boolean specials : new boolean[] {false, true}) {
                float[] x = data(n, specials);
                for (float[] b : bounds) {
                    String what = "summarizeRange n=" + n + " [" + b[0] + ", " + b[1] + "]" + (specials ? " with specials" : "");
                    RangeSummary expected = scalar.summarizeRange(x, n, b[0], b[1]);
                    RangeSummary actual = simd.summarizeRange(x, n, b[0], b[1]);
                    assertEquals(expected.outside(), actual.outside(), what);
                    assertSum(expected.sum(), actual.sum(), sumOfMagnitudes(x, 0, n), what);
                    assertSum(expected.sumOfSquares(), actual.sumOfSquares(), what);
                    assertSum(simd.sum(x, 0, n), actual.sum(), sumOfMagnitudes(x, 0, n), what + ": as sum");
                    assertSum(simd.sumOfSquares(x, 0, n), actual.sumOfSquares(), what + ": as sumOfSquares");
                }
            }
        }
    }

    @Test
    void summarizeUpdateAgreesWithTheReference() {
        for (int n : SIZES) {
            for (boolean specials : new boolean[] {false, true}) {
                float[] after = data(n, specials);
                float[] before = data(n, specials);
                float[] afterCopy = after.clone();
                float[] beforeCopy = before.clone();
                String what = "summarizeUpdate n=" + n + (specials ? " with specials" : "");
                UpdateSummary actual = simd.summarizeUpdate(after, 0, before, 0, n);
                UpdateSummary expected = scalar.summarizeUpdate(after, 0, before, 0, n);
                assertSum(expected.beforeSumOfSquares(), actual.beforeSumOfSquares(), what);
                assertSum(expected.differenceSumOfSquares(), actual.differenceSumOfSquares(), what);
                assertEquals(simd.sumOfSquaredDifferences(after, before, n), actual.differenceSumOfSquares(), what + ": the bits of sumOfSquaredDifferences");
                assertSum(simd.sumOfSquares(before, 0, n), actual.beforeSumOfSquares(), what + ": as sumOfSquares");
                assertArrayEquals(afterCopy, after, what + " reads only");
                assertArrayEquals(beforeCopy, before, what + " reads only");
                float[] afterShifted = data(n + OFFSET, specials);
                System.arraycopy(after, 0, afterShifted, OFFSET, n);
                float[] beforeShifted = data(n + 2 * OFFSET, specials);
                System.arraycopy(before, 0, beforeShifted, 2 * OFFSET, n);
                assertEquals(actual, simd.summarizeUpdate(afterShifted, OFFSET, beforeShifted, 2 * OFFSET, n), what + " at offsets");
            }
        }
    }

    @Test
    void sumOfSquaredDifferencesAgreesWithSubThenSumOfSquares() {
        for (int n : SIZES) {
            for (boolean specials : new boolean[] {false, true}) {
                float[] a = data(n, specials);
                float[] b = data(n, specials);
                float[] aBefore = a.clone();
                float[] bBefore = b.clone();
                String what = "sumOfSquaredDifferences n=" + n + (specials ? " with specials" : "");
                double actual = simd.sumOfSquaredDifferences(a, b, n);
                assertSum(scalar.sumOfSquaredDifferences(a, b, n), actual, what);
                float[] difference = new float[n];
                simd.sub(a, b, difference, n);
                assertSum(simd.sumOfSquares(difference, 0, n), actual, what + ": as sub then sumOfSquares");
                assertArrayEquals(aBefore, a, what + " leaves a alone");
                assertArrayEquals(bBefore, b, what + " leaves b alone");
            }
        }
    }

    @Test
    void countZeroColumnsAgreesWithTheReference() {
        int[][] shapes = {{0, 5}, {1, 1}, {3, 7}, {2, 8}, {13, 31}, {7, 64}, {5, 207}, {4, 1023}, {128, 256}, {9, 1}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            float[] m = data(rows * cols, true);
            for (int c = 0; c < cols; c += 3) {
                for (int r = 0; r < rows; r++) m[r * cols + c] = r % 2 == 0 ? 0f : -0f; // every third column all ±0
            }
            if (cols > 1 && rows > 0) m[(rows - 1) * cols + cols - 1] = Float.NaN;   // NaN is not zero
            String what = "countZeroColumns " + rows + "×" + cols;
            int expected = scalar.countZeroColumns(m, rows, cols);
            assertEquals(expected, simd.countZeroColumns(m, rows, cols), what);
            assertTrue(expected >= 1, what + ": column 0 is zero");
        }
    }

    @Test
    void maxAbsAndCountZerosAgreeWithTheReference() {
        for (int n : SIZES) {
            float[] finite = data(n + OFFSET, false);
            assertEquals(scalar.maxAbs(finite, OFFSET, n), simd.maxAbs(finite, OFFSET, n), "maxAbs n=" + n);
            float[] x = data(n + OFFSET, true);
            assertEquals(scalar.countZeros(x, OFFSET, n), simd.countZeros(x, OFFSET, n), "countZeros n=" + n);
        }
    }

    @Test
    void coldAndWarmCallsAgreeBitForBit() {
        float[] x = data(207, false);
        float[] y = data(207, false);
        MagnitudeSummary magnitudes = simd.summarizeMagnitudes(x, 0, x.length);
        RangeSummary range = simd.summarizeRange(x, x.length, -0.5f, 0.5f);
        double differences = simd.sumOfSquaredDifferences(x, y, x.length);
        UpdateSummary update = simd.summarizeUpdate(x, 0, y, 0, x.length);
        for (int i = 0; i < 4000; i++) {
            assertEquals(update, simd.summarizeUpdate(x, 0, y, 0, x.length));
            assertEquals(magnitudes, simd.summarizeMagnitudes(x, 0, x.length));
            assertEquals(range, simd.summarizeRange(x, x.length, -0.5f, 0.5f));
            assertEquals(differences, simd.sumOfSquaredDifferences(x, y, x.length));
        }
    }
}
