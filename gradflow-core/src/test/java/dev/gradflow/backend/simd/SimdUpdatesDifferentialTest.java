package dev.gradflow.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.gradflow.backend.AdamCoefficients;
import dev.gradflow.backend.ScalarUpdates;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vectorized Adam update against the plain-Java reference, bit for bit, at awkward lengths: plain, AMSGrad,
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
                    ScalarUpdates.adam(c, expected[0], grad, expected[1], expected[2], expected[3], 0, n);
                    SimdUpdates.adam(c, param, grad, expAvg, expAvgSq, maxExpAvgSq, n);
                    String label = c + (amsgrad ? " amsgrad" : "") + " n=" + n;
                    assertArrayEquals(expected[0], param, "param, " + label);
                    assertArrayEquals(expected[1], expAvg, "exp_avg, " + label);
                    assertArrayEquals(expected[2], expAvgSq, "exp_avg_sq, " + label);
                    if (amsgrad) assertArrayEquals(expected[3], maxExpAvgSq, "max_exp_avg_sq, " + label);
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

    private static float[] squares(SplittableRandom random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) Math.pow(random.nextGaussian() * 1e-3, 2);
        return out;
    }
}
