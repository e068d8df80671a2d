package dev.gradflow.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradflow.backend.AdamCoefficients;
import dev.gradflow.backend.ScalarKernels;
import dev.gradflow.backend.ScalarUpdates;
import dev.gradflow.backend.UpdateSummary;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The measuring vector Adam update (a probe's recorded steps) against the plain-Java reference: the same bits in
 * every array, and the sums it reports equal to the blockwise measurement of the reference, at awkward lengths: plain, AMSGrad,
 * coupled (Adam) and decoupled (AdamW) weight decay, lerp weights on both sides of ½, early and late steps, with
 * ±0, subnormal, huge and non-finite gradients mixed in.
 */
class SimdUpdatesDifferentialTest {
    private static final int[] SIZES = {0, 1, 3, 7, 8, 13, 16, 17, 31, 64, 207, 1023};
    private static final float[] SPECIALS = {0f, -0f, Float.MIN_VALUE, -1e-30f, 1e30f, Float.NaN, Float.POSITIVE_INFINITY};

    @Test
    void adamMatchesTheScalarReferenceBitForBit() {
        SplittableRandom random = new SplittableRandom(11);
        AdamCoefficients[] cases = {
                AdamCoefficients.of(1, 1e-3, 0.9, 0.999, 1e-8, 0, 0),
                AdamCoefficients.of(37, 1e-2, 0.9, 0.999, 1e-8, 0, 1e-2),
                AdamCoefficients.of(5, 3e-4, 0.9, 0.99, 1e-6, 1e-4, 0),
                AdamCoefficients.of(2, 0.1, 0.3, 0.5, 1e-8, 0, 0),
        };
        for (AdamCoefficients c : cases) {
            for (boolean amsgrad : new boolean[] {false, true}) {
                for (int n : SIZES) {
                    float[] param = values(random, n, false);
                    float[] grad = values(random, n, true);
                    float[] expAvg = values(random, n, false);
                    float[] expAvgSq = squares(random, n);
                    float[] maxExpAvgSq = amsgrad ? squares(random, n) : null;
                    float[][] expected = {param.clone(), expAvg.clone(), expAvgSq.clone(), amsgrad ? maxExpAvgSq.clone() : null};
                    float[] before = param.clone();
                    ScalarUpdates.adam(c, expected[0], grad, expected[1], expected[2], expected[3], 0, n);
                    UpdateSummary sums = SimdUpdates.adamMeasured(c, param, grad, expAvg, expAvgSq, maxExpAvgSq, 0, n);
                    String label = c + (amsgrad ? " amsgrad" : "") + " n=" + n;
                    assertArrayEquals(expected[0], param, "param, " + label);
                    assertArrayEquals(expected[1], expAvg, "exp_avg, " + label);
                    assertArrayEquals(expected[2], expAvgSq, "exp_avg_sq, " + label);
                    if (amsgrad) assertArrayEquals(expected[3], maxExpAvgSq, "max_exp_avg_sq, " + label);
                    UpdateSummary reference = new ScalarKernels().summarizeUpdate(expected[0], 0, before, 0, n);
                    assertClose(reference.beforeSumOfSquares(), sums.beforeSumOfSquares(), n, "Σ before², " + label);
                    assertClose(reference.differenceSumOfSquares(), sums.differenceSumOfSquares(), n, "Σ Δ², " + label);
                }
            }
        }
    }

    private static float[] values(SplittableRandom random, int n, boolean withSpecials) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = withSpecials && random.nextInt(8) == 0
                    ? SPECIALS[random.nextInt(SPECIALS.length)]
                    : (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-6, 2)));
        }
        return out;
    }

    /**
     * Within the float summation bound n·2⁻²⁴ (relative) of the double reference (NaN and ∞ where the reference has
     * them): the measuring loop adds its squares in float lanes.
     */
    private static void assertClose(double expected, double actual, int n, String what) {
        if (!Double.isFinite(expected)) assertEquals(expected, actual, what);
        else assertEquals(expected, actual, (n + 1) * 0x1p-24 * Math.abs(expected) + 1e-300, what);
    }

    @Test
    void aRangeInsideTheArrayIsUpdatedAndMeasuredAlone() {
        SplittableRandom random = new SplittableRandom(12);
        AdamCoefficients c = AdamCoefficients.of(3, 1e-2, 0.9, 0.999, 1e-8, 0, 0);
        int n = 1029;
        float[] param = values(random, n, false);
        float[] grad = values(random, n, false);
        float[] expAvg = values(random, n, false);
        float[] expAvgSq = squares(random, n);
        float[][] expected = {param.clone(), expAvg.clone(), expAvgSq.clone()};
        ScalarUpdates.adam(c, expected[0], grad, expected[1], expected[2], null, 7, 1000);
        float[] before = param.clone();
        UpdateSummary sums = SimdUpdates.adamMeasured(c, param, grad, expAvg, expAvgSq, null, 7, 1000);
        assertArrayEquals(expected[0], param);
        assertArrayEquals(expected[1], expAvg);
        assertArrayEquals(expected[2], expAvgSq);
        UpdateSummary reference = new ScalarKernels().summarizeUpdate(param, 7, before, 7, 993);
        assertClose(reference.beforeSumOfSquares(), sums.beforeSumOfSquares(), 993, "Σ before² over [7, 1000)");
        assertClose(reference.differenceSumOfSquares(), sums.differenceSumOfSquares(), 993, "Σ Δ² over [7, 1000)");
    }

    private static float[] squares(SplittableRandom random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) Math.pow(random.nextGaussian() * 1e-3, 2);
        return out;
    }
}
