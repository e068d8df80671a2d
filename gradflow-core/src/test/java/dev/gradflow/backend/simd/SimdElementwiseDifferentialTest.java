package dev.gradflow.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.backend.ScalarKernels;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every non-GEMM kernel of {@link SimdKernels} against {@link ScalarKernels} at awkward lengths, with special values
 * (±0, ±∞, NaN, subnormals) mixed in. Where the SIMD kernel performs the same float operations the results must be
 * identical bit for bit; sums must agree to double rounding; sigmoid, tanh and softmax to a few float ulps.
 */
class SimdElementwiseDifferentialTest {
    private static final int[] SIZES = {0, 1, 3, 7, 8, 13, 15, 16, 17, 31, 64, 207, 1023, 1029};
    private static final float[] SPECIALS = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.MIN_VALUE, -Float.MIN_NORMAL / 3, 1e-30f, 100f, -100f, 0.625f, -0.625f, 0.6249f, 9f, -20f};
    private static final List<PointwiseFunction> FUNCTIONS = List.of(
            PointwiseFunction.Identity.INSTANCE, PointwiseFunction.Relu.INSTANCE, new PointwiseFunction.LeakyRelu(0.01f),
            new PointwiseFunction.LeakyRelu(0.2f), PointwiseFunction.Sigmoid.INSTANCE, PointwiseFunction.Tanh.INSTANCE,
            PointwiseFunction.byName("gelu"), PointwiseFunction.byName("elu"), PointwiseFunction.byName("softplus"),
            PointwiseFunction.Square.INSTANCE, new PointwiseFunction.Clamp(-1f, 2f));

    private final Kernels simd = new SimdKernels();
    private final Kernels scalar = new ScalarKernels();
    private final SplittableRandom random = new SplittableRandom(2024);

    @Test
    void binaryArithmeticIsBitIdentical() {
        for (int n : SIZES) {
            float[] a = data(n, true);
            float[] b = data(n, true);
            assertSame("add", n, (k, out) -> k.add(a, b, out, n));
            assertSame("sub", n, (k, out) -> k.sub(a, b, out, n));
            assertSame("mul", n, (k, out) -> k.mul(a, b, out, n));
            assertSame("div", n, (k, out) -> k.div(a, b, out, n));
            assertSame("scale", n, (k, out) -> k.scale(-1.7f, a, out, n));
        }
    }

    @Test
    void accumulatingKernelsAreBitIdentical() {
        for (int n : SIZES) {
            float[] x = data(n, true);
            float[] z = data(n, true);
            float[] y = data(n, false);
            assertSame("axpy", n, (k, out) -> {
                System.arraycopy(y, 0, out, 0, n);
                k.axpy(0.3f, x, out, n);
            });
            assertSame("addProduct", n, (k, out) -> {
                System.arraycopy(y, 0, out, 0, n);
                k.addProduct(-2.5f, x, z, out, n);
            });
        }
    }

    @Test
    void rowVectorKernelsAreBitIdentical() {
        for (int rows : SIZES) {
            for (int cols : SIZES) {
                if (rows * cols > 70_000) continue;
                float[] m = data(rows * cols, false);
                float[] row = data(cols, false);
                assertSame("addRowVector " + rows + "x" + cols, rows * cols, (k, out) -> k.addRowVector(m, row, out, rows, cols));
                float[] start = data(cols, false);
                assertSame("sumRowsInto " + rows + "x" + cols, cols, (k, out) -> {
                    System.arraycopy(start, 0, out, 0, cols);
                    k.sumRowsInto(m, rows, cols, out);
                });
            }
        }
    }

    @Test
    void sumsAgreeToDoubleRounding() {
        for (int n : SIZES) {
            for (int offset : new int[] {0, 3}) {
                float[] x = new float[offset + n + 2];
                for (int i = 0; i < x.length; i++) x[i] = (float) (random.nextGaussian() * 1e3);
                double absoluteSum = 0;
                for (int i = 0; i < n; i++) absoluteSum += Math.abs(x[offset + i]);
                double tolerance = 1e-13 * (absoluteSum + 1);
                assertEquals(scalar.sum(x, offset, n), simd.sum(x, offset, n), tolerance, "sum n=" + n);
                double sq = scalar.sumOfSquares(x, offset, n);
                assertEquals(sq, simd.sumOfSquares(x, offset, n), 1e-13 * (sq + 1), "sumOfSquares n=" + n);
            }
        }
        float[] large = new float[1 << 20];
        java.util.Arrays.fill(large, 0.1f);
        assertEquals(scalar.sum(large, 0, large.length), simd.sum(large, 0, large.length), 1e-6);
    }

    @Test
    void pointwiseForwardAgreesWithScalar() {
        for (PointwiseFunction f : FUNCTIONS) {
            boolean exact = !(f instanceof PointwiseFunction.Sigmoid || f instanceof PointwiseFunction.Tanh);
            for (int n : SIZES) {
                float[] x = data(n, true);
                float[] expected = new float[n];
                float[] actual = new float[n];
                scalar.pointwise(f, x, expected, n);
                simd.pointwise(f, x, actual, n);
                if (exact) {
                    assertArrayEquals(expected, actual, f.name() + " n=" + n);
                } else {
                    assertUlps(f.name() + " n=" + n, expected, actual, 4);
                }
            }
        }
    }

    @Test
    void tanhIsAccurateAcrossItsRange() {
        int n = 200_001;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = -10f + 20f * i / (n - 1);
        float[] expected = new float[n];
        float[] actual = new float[n];
        scalar.pointwise(PointwiseFunction.Tanh.INSTANCE, x, expected, n);
        simd.pointwise(PointwiseFunction.Tanh.INSTANCE, x, actual, n);
        assertUlps("tanh on [-10, 10]", expected, actual, 4);
        scalar.pointwise(PointwiseFunction.Sigmoid.INSTANCE, x, expected, n);
        simd.pointwise(PointwiseFunction.Sigmoid.INSTANCE, x, actual, n);
        assertUlps("sigmoid on [-10, 10]", expected, actual, 4);
    }

    @Test
    void pointwiseBackwardIsBitIdentical() {
        for (PointwiseFunction f : FUNCTIONS) {
            for (int n : SIZES) {
                float[] x = data(n, true);
                float[] y = new float[n];
                scalar.pointwise(f, x, y, n);
                float[] gradY = data(n, false);
                float[] gradStart = data(n, false);
                assertSame(f.name() + " backward", n, (k, out) -> {
                    System.arraycopy(gradStart, 0, out, 0, n);
                    k.pointwiseBackward(f, x, y, gradY, out, n);
                });
            }
        }
    }

    @Test
    void softmaxRowsAgreeToFloatRounding() {
        for (int rows : new int[] {1, 3, 13}) {
            for (int cols : SIZES) {
                float[] x = new float[rows * cols];
                for (int i = 0; i < x.length; i++) x[i] = (float) (random.nextGaussian() * 5);
                if (x.length > 2) x[1] = -1e4f;
                float[] expected = new float[x.length];
                float[] actual = new float[x.length];
                scalar.softmaxRows(x, expected, rows, cols);
                simd.softmaxRows(x, actual, rows, cols);
                assertUlps("softmax " + rows + "x" + cols, expected, actual, 6);
                scalar.logSoftmaxRows(x, expected, rows, cols);
                simd.logSoftmaxRows(x, actual, rows, cols);
                for (int i = 0; i < x.length; i++) {
                    // out = x − shift with shift = max + ln Σ rounded to float: the error scales with |shift|, which
                    // is at most |x| + |out|, not with |out| (one ulp of a shift of 15 is 1e-6 on an output of −0.7).
                    double tolerance = 4 * Math.ulp(Math.abs(x[i]) + Math.abs(expected[i])) + 1e-7;
                    if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
                        fail("logSoftmax " + rows + "x" + cols + " at " + i + ": " + actual[i] + " vs " + expected[i]);
                    }
                }
            }
        }
    }

    /** Runs the same kernel call on both implementations into fresh outputs and demands identical bits. */
    private void assertSame(String label, int outputLength, KernelCall call) {
        float[] expected = new float[outputLength];
        float[] actual = new float[outputLength];
        call.run(scalar, expected);
        call.run(simd, actual);
        for (int i = 0; i < outputLength; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(label + " n=" + outputLength + " differs at " + i + ": simd " + actual[i] + " vs scalar " + expected[i]);
            }
        }
    }

    private static void assertUlps(String label, float[] expected, float[] actual, int ulps) {
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (Float.isNaN(e) && Float.isNaN(a) || e == a) continue;
            double tolerance = ulps * (double) Math.ulp(e) + Float.MIN_NORMAL;
            if (!(Math.abs(a - e) <= tolerance)) fail(label + " at " + i + ": simd " + a + " vs scalar " + e);
        }
    }

    private float[] data(int n, boolean withSpecials) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (random.nextGaussian() * 3);
        if (withSpecials) {
            for (int i = 0; i < n; i += 5) x[i] = SPECIALS[random.nextInt(SPECIALS.length)];
        }
        return x;
    }

    @FunctionalInterface
    private interface KernelCall {
        void run(Kernels kernels, float[] out);
    }
}
