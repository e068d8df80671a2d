package dev.gradflow.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gradflow.backend.Parallelism;
import dev.gradflow.backend.ScalarKernels;
import dev.gradflow.backend.Transpose;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The few-column kernel for Aᵀ·op(B) ({@link ThinGemm}) through {@code SimdKernels.gemm}, against the scalar
 * reference at awkward sizes (partial row blocks, every column count it takes, long k), B stored either way, with
 * β ∈ {0, 1, ½} and offsets; and bit-identical on one and two threads.
 */
class ThinGemmTest {
    private static final int[] ROWS = {32, 33, 64, 207, 1023};
    private static final int[] COLUMNS = {2, 3, 7, 8, 10, 12};
    private static final int[] DEPTHS = {32, 64, 207, 1000};
    private static final float[] BETAS = {0f, 1f, 0.5f};

    @Test
    void agreesWithTheScalarReference() {
        SplittableRandom random = new SplittableRandom(9);
        SimdKernels simd = new SimdKernels();
        ScalarKernels scalar = new ScalarKernels();
        int checked = 0;
        for (int m : ROWS) {
            for (int n : COLUMNS) {
                for (int k : DEPTHS) {
                    if ((long) m * n * k > 3_000_000) continue;
                    assertTrue(ThinGemm.suits(true, m, n, k), m + "x" + n + "x" + k + " should take the thin kernel");
                    Transpose transB = random.nextBoolean() ? Transpose.YES : Transpose.NO;
                    float beta = BETAS[random.nextInt(BETAS.length)];
                    float[] a = uniform(random, 3 + k * m);
                    float[] b = uniform(random, 5 + k * n);
                    float[] c = uniform(random, 7 + m * n);
                    float[] expected = c.clone();
                    float[] actual = c.clone();
                    scalar.gemm(Transpose.YES, transB, m, n, k, a, 3, b, 5, beta, expected, 7);
                    simd.gemm(Transpose.YES, transB, m, n, k, a, 3, b, 5, beta, actual, 7);
                    // |Δ| ≤ 2(k + 2)·ε·(Σ|a||b| + |β||c|), with Σ|a||b| ≤ k (|a|, |b| ≤ 1).
                    for (int i = 0; i < 7; i++) assertTrue(actual[i] == c[i], "before C's offset untouched");
                    for (int i = 7; i < actual.length; i++) {
                        double bound = 2.0 * (k + 2) * Math.ulp(1f) * (k + Math.abs(beta * c[i]));
                        if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
                            fail("TN" + transB + " " + m + "x" + n + "x" + k + " beta " + beta + " at " + (i - 7) + ": "
                                    + actual[i] + " vs " + expected[i]);
                        }
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked > 50, "cases checked: " + checked);
    }

    @Test
    void sameBitsOnOneAndTwoThreads() {
        SplittableRandom random = new SplittableRandom(10);
        int m = 1023, n = 10, k = 1000;
        float[] a = uniform(random, k * m);
        float[] b = uniform(random, k * n);
        int previous = Parallelism.threads();
        Parallelism.setMinFlopsPerExtraThread(1L << 22); // 20 MFLOP: below the default split threshold
        try {
            assertEquals(2, withThreads2(() -> Parallelism.partsFor(2L * m * n * k, 2)), "the product takes the parallel path");
            float[] one = new float[m * n];
            float[] two = new float[m * n];
            Parallelism.setThreads(1);
            new SimdKernels().gemm(Transpose.YES, Transpose.NO, m, n, k, a, 0, b, 0, 0f, one, 0);
            Parallelism.setThreads(2);
            new SimdKernels().gemm(Transpose.YES, Transpose.NO, m, n, k, a, 0, b, 0, 0f, two, 0);
            assertArrayEquals(one, two);
        } finally {
            Parallelism.setThreads(previous);
            Parallelism.setMinFlopsPerExtraThread(Parallelism.MIN_FLOPS_PER_EXTRA_THREAD);
        }
    }

    private static int withThreads2(java.util.function.IntSupplier body) {
        Parallelism.setThreads(2);
        return body.getAsInt();
    }

    private static float[] uniform(SplittableRandom random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) random.nextDouble(-1, 1);
        return out;
    }
}
