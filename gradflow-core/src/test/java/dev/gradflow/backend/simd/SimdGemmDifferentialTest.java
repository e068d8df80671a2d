package dev.gradflow.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.Parallelism;
import dev.gradflow.backend.ScalarKernels;
import dev.gradflow.backend.Transpose;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * SIMD GEMM against the scalar reference at awkward sizes, in all four transposition cases, with β ∈ {0, 1, ½} and
 * non-zero offsets. The tolerance is the classic bound for two float dot products of length k:
 * |Δ| ≤ 2(k + 2)·ε·(|op(A)|·|op(B)| + |β|·|C|) element by element, computed with the reference kernel itself.
 */
class SimdGemmDifferentialTest {
    private static final int[] SIZES = {1, 3, 7, 8, 13, 31, 64, 207, 1023};
    private static final float[] BETAS = {0f, 1f, 0.5f};
    private static final int A_OFFSET = 5;
    private static final int B_OFFSET = 3;
    private static final int C_OFFSET = 7;
    private static final float PADDING = -12345f;

    private final Kernels simd = new SimdKernels();
    private final Kernels scalar = new ScalarKernels();

    @Test
    void allSmallShapesAllTranspositionsAllBetas() {
        SplittableRandom random = new SplittableRandom(42);
        int cases = 0;
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (int k : SIZES) {
                    if ((long) m * n * k > 150_000) continue;
                    for (Transpose ta : Transpose.values()) {
                        for (Transpose tb : Transpose.values()) {
                            for (float beta : BETAS) {
                                check(ta, tb, m, n, k, beta, random);
                                cases++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(cases > 3000, "expected thousands of cases, ran " + cases);
    }

    @Test
    void largeAndThinShapes() {
        SplittableRandom random = new SplittableRandom(7);
        int[][] shapes = {
                {1023, 64, 207}, {64, 207, 1023}, {207, 1023, 64}, {97, 290, 130}, {1000, 128, 10},
                {1000, 64, 128}, {128, 10, 1000}, {64, 128, 1000}, {128, 256, 200}, {1, 1023, 207}, {1023, 1, 207},
                {207, 13, 1023}, {13, 207, 1023}, {0, 5, 3}, {5, 0, 3}, {5, 3, 0}};
        for (int[] s : shapes) {
            for (Transpose ta : Transpose.values()) {
                for (Transpose tb : Transpose.values()) {
                    check(ta, tb, s[0], s[1], s[2], s[0] % 2 == 0 ? 1f : 0f, random);
                }
            }
        }
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        SplittableRandom random = new SplittableRandom(3);
        int[][] shapes = {{1, 1, 1}, {1, 64, 13}, {64, 1, 13}, {13, 31, 7}, {207, 64, 31}, {8, 32, 0}, {130, 70, 600}};
        for (int[] s : shapes) {
            for (Transpose ta : Transpose.values()) {
                for (Transpose tb : Transpose.values()) {
                    int m = s[0], n = s[1], k = s[2];
                    float[] a = randomArray(m * k, random);
                    float[] b = randomArray(k * n, random);
                    float[] c = new float[m * n];
                    Arrays.fill(c, Float.NaN);
                    simd.gemm(ta, tb, m, n, k, a, 0, b, 0, 0f, c, 0);
                    for (float v : c) assertFalse(Float.isNaN(v), "NaN leaked through beta = 0 at " + Arrays.toString(s) + " " + ta + tb);
                }
            }
        }
    }

    @Test
    void oneTwoAndThreeThreadsGiveIdenticalBits() {
        int[][] shapes = {{256, 256, 256}, {1000, 128, 64}, {1000, 64, 128}, {64, 128, 1000}, {128, 10, 1000},
                {517, 389, 300}, {100, 700, 257}};
        assertSameBitsOnOneTwoAndThreeThreads(shapes, 11);
    }

    @Test
    void largeProductBlockingAtAwkwardSizes() {
        SplittableRandom random = new SplittableRandom(5);
        int[] sizes = {1, 3, 8, 13, 31, 207};
        int[][] shapes = {{263, 1043, 521}, {13, 1043, 300}, {1043, 13, 300}, {129, 520, 257}, {136, 512, 256}};
        SimdGemm.setLargeProductFlops(0);
        try {
            for (int m : sizes) {
                for (int n : sizes) {
                    for (int k : sizes) {
                        for (Transpose ta : Transpose.values()) {
                            for (Transpose tb : Transpose.values()) {
                                check(ta, tb, m, n, k, BETAS[(m + n + k) % BETAS.length], random);
                            }
                        }
                    }
                }
            }
            for (int[] s : shapes) {
                for (Transpose ta : Transpose.values()) {
                    for (Transpose tb : Transpose.values()) {
                        check(ta, tb, s[0], s[1], s[2], BETAS[(ta.ordinal() + 2 * tb.ordinal()) % BETAS.length], random);
                    }
                }
            }
        } finally {
            SimdGemm.setLargeProductFlops(SimdGemm.LARGE_PRODUCT_FLOPS);
        }
    }

    @Test
    void largeAndSmallProductBlockingsGiveIdenticalBits() {
        SplittableRandom random = new SplittableRandom(13);
        int[][] shapes = {{263, 1043, 521}, {13, 1043, 300}, {1043, 13, 300}, {129, 520, 257}, {31, 64, 7}};
        try {
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                for (Transpose ta : Transpose.values()) {
                    for (Transpose tb : Transpose.values()) {
                        float[] a = randomArray(m * k, random);
                        float[] b = randomArray(k * n, random);
                        float[] c0 = randomArray(m * n, random);
                        float beta = BETAS[(m + k) % BETAS.length];
                        float[] small = c0.clone();
                        SimdGemm.setLargeProductFlops(Long.MAX_VALUE);
                        simd.gemm(ta, tb, m, n, k, a, 0, b, 0, beta, small, 0);
                        float[] large = c0.clone();
                        SimdGemm.setLargeProductFlops(0);
                        simd.gemm(ta, tb, m, n, k, a, 0, b, 0, beta, large, 0);
                        assertSameBits(small, large, "small vs large blocking for " + Arrays.toString(s) + " " + ta + tb);
                    }
                }
            }
        } finally {
            SimdGemm.setLargeProductFlops(SimdGemm.LARGE_PRODUCT_FLOPS);
        }
    }

    @Test
    void largeProductBlockingGivesIdenticalBitsOnOneTwoAndThreeThreads() {
        // Two and four column blocks (one task each on two threads), three (shared op(B) on two threads), one.
        int[][] shapes = {{256, 256, 256}, {263, 1043, 521}, {13, 1043, 700}, {1043, 13, 700}, {517, 389, 300},
                {100, 700, 257}, {129, 1024, 300}, {70, 2000, 200}};
        SimdGemm.setLargeProductFlops(0);
        try {
            assertSameBitsOnOneTwoAndThreeThreads(shapes, 17);
        } finally {
            SimdGemm.setLargeProductFlops(SimdGemm.LARGE_PRODUCT_FLOPS);
        }
    }

    @Test
    void productsAboveTheTrainingWorkloadsTakeTheLargeBlocking() {
        assertTrue(2L * 128 * 784 * 256 < SimdGemm.LARGE_PRODUCT_FLOPS, "mnist_adam's largest product: small blocking");
        assertTrue(2L * 256 * 256 * 256 < SimdGemm.LARGE_PRODUCT_FLOPS, "deep20/deep50's products: small blocking");
        assertTrue(2L * 512 * 512 * 512 > SimdGemm.LARGE_PRODUCT_FLOPS, "square n = 512: large blocking");
    }

    /** Each shape in all transposition cases, with the split threshold lowered so that it takes the parallel path. */
    private void assertSameBitsOnOneTwoAndThreeThreads(int[][] shapes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int previous = Parallelism.threads();
        int splitting = 0;
        // The default split threshold leaves these shapes on one thread; lower it so they take the parallel path.
        Parallelism.setMinFlopsPerExtraThread(1L << 22);
        try {
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                if (withThreads(2, () -> Parallelism.partsFor(2L * m * n * k, 2)) == 2) splitting++;
                for (Transpose ta : Transpose.values()) {
                    for (Transpose tb : Transpose.values()) {
                        float[] a = randomArray(m * k, random);
                        float[] b = randomArray(k * n, random);
                        float[] c0 = randomArray(m * n, random);
                        float[] one = c0.clone();
                        Parallelism.setThreads(1);
                        simd.gemm(ta, tb, m, n, k, a, 0, b, 0, 1f, one, 0);
                        for (int threads = 2; threads <= 3; threads++) {
                            float[] many = c0.clone();
                            Parallelism.setThreads(threads);
                            simd.gemm(ta, tb, m, n, k, a, 0, b, 0, 1f, many, 0);
                            assertSameBits(one, many, "1 vs " + threads + " threads for " + Arrays.toString(s) + " " + ta + tb);
                        }
                    }
                }
            }
        } finally {
            Parallelism.setThreads(previous);
            Parallelism.setMinFlopsPerExtraThread(Parallelism.MIN_FLOPS_PER_EXTRA_THREAD);
        }
        assertTrue(splitting >= 5, "only " + splitting + " of the shapes were split across two threads");
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + " differ at " + i + ": " + expected[i] + " vs " + actual[i]);
            }
        }
    }

    @Test
    void twoThreadsReallySplitLargeProducts() {
        int previous = Parallelism.threads();
        try {
            Parallelism.setThreads(2);
            assertEquals(2, Parallelism.partsFor(2L * 512 * 512 * 512, 8), "268 MFLOP: worth a second thread");
            assertEquals(1, Parallelism.partsFor(2L * 256 * 256 * 256, 8), "33.5 MFLOP: not (measured)");
            assertEquals(1, Parallelism.partsFor(2L * 16 * 16 * 16, 8));
            assertEquals(1, Parallelism.partsFor(2L * 512 * 512 * 512, 1), "never more parts than asked for");
        } finally {
            Parallelism.setThreads(previous);
        }
    }

    @Test
    void rejectsArraysTooShortForTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> simd.gemm(Transpose.NO, Transpose.NO, 4, 4, 4, new float[15], 0, new float[16], 0, 0f, new float[16], 0));
        assertTrue(e.getMessage().startsWith("gemm: m=4, n=4, k=4"), e.getMessage());
    }

    private static int withThreads(int threads, java.util.function.IntSupplier body) {
        int previous = Parallelism.threads();
        Parallelism.setThreads(threads);
        try {
            return body.getAsInt();
        } finally {
            Parallelism.setThreads(previous);
        }
    }

    private void check(Transpose ta, Transpose tb, int m, int n, int k, float beta, SplittableRandom random) {
        float[] a = padded(randomArray(m * k, random), A_OFFSET);
        float[] b = padded(randomArray(k * n, random), B_OFFSET);
        float[] c = padded(randomArray(m * n, random), C_OFFSET);
        float[] expected = c.clone();
        float[] actual = c.clone();
        scalar.gemm(ta, tb, m, n, k, a, A_OFFSET, b, B_OFFSET, beta, expected, C_OFFSET);
        simd.gemm(ta, tb, m, n, k, a, A_OFFSET, b, B_OFFSET, beta, actual, C_OFFSET);

        float[] bound = abs(c);
        scalar.gemm(ta, tb, m, n, k, abs(a), A_OFFSET, abs(b), B_OFFSET, Math.abs(beta), bound, C_OFFSET);
        double eps = Math.ulp(1f);
        for (int i = 0; i < actual.length; i++) {
            boolean inside = i >= C_OFFSET && i < C_OFFSET + m * n;
            if (!inside) {
                assertEquals(PADDING, actual[i], "gemm wrote outside C at " + i);
                continue;
            }
            double tolerance = 2.0 * (k + 2) * eps * bound[i] + Float.MIN_NORMAL;
            if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
                int e = i - C_OFFSET;
                fail("gemm " + ta + "/" + tb + " m=" + m + " n=" + n + " k=" + k + " beta=" + beta + " at (" + e / n + ", "
                        + e % n + "): simd " + actual[i] + " vs scalar " + expected[i] + " (tolerance " + tolerance + ")");
            }
        }
    }

    private static float[] randomArray(int size, SplittableRandom random) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (random.nextDouble() * 2 - 1);
        return x;
    }

    private static float[] padded(float[] x, int offset) {
        float[] out = new float[offset + x.length + 9];
        Arrays.fill(out, PADDING);
        System.arraycopy(x, 0, out, offset, x.length);
        return out;
    }

    private static float[] abs(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = Math.abs(x[i]);
        return out;
    }
}
