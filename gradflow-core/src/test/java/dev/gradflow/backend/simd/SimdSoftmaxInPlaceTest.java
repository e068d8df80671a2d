package dev.gradflow.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Softmax and log-softmax written over their own input give the same bits as into a separate array (log-softmax keeps
 * its exponentials in a scratch row, softmax in the output), at row lengths around the vector width.
 */
class SimdSoftmaxInPlaceTest {
    private static final int[] COLS = {1, 3, 7, 8, 13, 16, 17, 31, 64, 207, 1023};

    @Test
    void inPlaceEqualsOutOfPlace() {
        SimdKernels simd = new SimdKernels();
        SplittableRandom random = new SplittableRandom(7);
        for (int cols : COLS) {
            int rows = 3;
            float[] x = new float[rows * cols];
            for (int i = 0; i < x.length; i++) x[i] = (float) (random.nextDouble(-30, 30));
            float[] expected = new float[x.length];
            float[] inPlace = x.clone();
            simd.softmaxRows(x, expected, rows, cols);
            simd.softmaxRows(inPlace, inPlace, rows, cols);
            assertArrayEquals(expected, inPlace, "softmax, " + cols + " columns");
            inPlace = x.clone();
            simd.logSoftmaxRows(x, expected, rows, cols);
            simd.logSoftmaxRows(inPlace, inPlace, rows, cols);
            assertArrayEquals(expected, inPlace, "log-softmax, " + cols + " columns");
        }
    }
}
