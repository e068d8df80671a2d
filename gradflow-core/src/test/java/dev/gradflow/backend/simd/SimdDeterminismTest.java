package dev.gradflow.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.backend.Transpose;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The same inputs give the same bits on the first call (Vector API code interpreted) and after thousands of calls
 * (compiled by C2): lane sums and e^x must not change with the JIT's state.
 */
class SimdDeterminismTest {
    private static final int REPEATS = 4000;

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextGaussian() * 4);
        return x;
    }

    @Test
    void coldAndWarmCallsAgreeBitForBit() {
        SimdKernels k = new SimdKernels();
        float[] x = random(1000, 1);
        float[] w = random(1000, 2);
        float[] sigmoid = new float[x.length];
        float[] tanh = new float[x.length];
        float[] softmax = new float[x.length];
        float[] logSoftmax = new float[x.length];
        float[] dot = new float[10];
        k.pointwise(PointwiseFunction.Sigmoid.INSTANCE, x, sigmoid, x.length);
        k.pointwise(PointwiseFunction.Tanh.INSTANCE, x, tanh, x.length);
        k.softmaxRows(x, softmax, 10, 100);
        k.logSoftmaxRows(x, logSoftmax, 10, 100);
        k.gemm(Transpose.NO, Transpose.YES, 10, 1, 100, x, 0, w, 0, 0f, dot, 0);
        double sum = k.sum(x, 0, x.length);
        double squares = k.sumOfSquares(x, 0, x.length);
        float[] again = new float[x.length];
        float[] againDot = new float[10];
        for (int i = 0; i < REPEATS; i++) {
            k.pointwise(PointwiseFunction.Sigmoid.INSTANCE, x, again, x.length);
            if (i % 400 == 0) assertArrayEquals(sigmoid, again, "sigmoid at repeat " + i);
            k.pointwise(PointwiseFunction.Tanh.INSTANCE, x, again, x.length);
            if (i % 400 == 0) assertArrayEquals(tanh, again, "tanh at repeat " + i);
            k.softmaxRows(x, again, 10, 100);
            if (i % 400 == 0) assertArrayEquals(softmax, again, "softmax at repeat " + i);
            k.logSoftmaxRows(x, again, 10, 100);
            if (i % 400 == 0) assertArrayEquals(logSoftmax, again, "log-softmax at repeat " + i);
            k.gemm(Transpose.NO, Transpose.YES, 10, 1, 100, x, 0, w, 0, 0f, againDot, 0);
            if (i % 400 == 0) assertArrayEquals(dot, againDot, "matrix-vector at repeat " + i);
            assertEquals(sum, k.sum(x, 0, x.length));
            assertEquals(squares, k.sumOfSquares(x, 0, x.length));
        }
        k.pointwise(PointwiseFunction.Sigmoid.INSTANCE, x, again, x.length);
        assertArrayEquals(sigmoid, again);
        k.softmaxRows(x, again, 10, 100);
        assertArrayEquals(softmax, again);
    }
}
