package dev.gradflow.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** maxAbs and countZeros: known values, and the kernels in use against the scalar reference at awkward sizes. */
class StatisticsKernelsTest {
    private static final int[] SIZES = {0, 1, 2, 13, 207, 702, 4099};

    @Test
    void knownValues() {
        Kernels k = new ScalarKernels();
        float[] x = {0f, -7.5f, 3f, -0f, 7.25f};
        assertEquals(7.5f, k.maxAbs(x, 0, 5));
        assertEquals(7.25f, k.maxAbs(x, 2, 3), "from an offset");
        assertEquals(2, k.countZeros(x, 0, 5), "+0 and -0");
        assertEquals(1, k.countZeros(x, 1, 3));
        assertEquals(0f, k.maxAbs(x, 0, 0));
    }

    @Test
    void kernelsInUseAgreeWithTheReference() {
        Kernels reference = new ScalarKernels();
        Kernels kernels = KernelProvider.kernels();
        SplittableRandom random = new SplittableRandom(9);
        for (int n : SIZES) {
            float[] x = new float[n + 3];
            for (int i = 0; i < x.length; i++) x[i] = random.nextInt(4) == 0 ? 0f : (float) random.nextGaussian();
            assertEquals(reference.maxAbs(x, 3, n), kernels.maxAbs(x, 3, n), "maxAbs n=" + n);
            assertEquals(reference.countZeros(x, 3, n), kernels.countZeros(x, 3, n), "countZeros n=" + n);
        }
    }
}
