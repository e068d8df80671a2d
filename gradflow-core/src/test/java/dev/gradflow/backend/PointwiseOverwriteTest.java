package dev.gradflow.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** pointwiseBackwardOverwrite equals zeroing the gradient and accumulating into it, for the kernels in use and the scalar ones. */
class PointwiseOverwriteTest {
    private static final List<String> FUNCTIONS = List.of("relu", "sigmoid", "tanh", "gelu", "silu", "leaky_relu", "identity");

    @Test
    void overwriteEqualsZeroThenAccumulate() {
        SplittableRandom random = new SplittableRandom(11);
        for (Kernels kernels : List.of(KernelProvider.kernels(), new ScalarKernels())) {
            for (String name : FUNCTIONS) {
                PointwiseFunction f = PointwiseFunction.byName(name);
                for (int n : new int[] {1, 13, 207, 702}) {
                    float[] x = new float[n];
                    float[] gradY = new float[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = (float) (3 * random.nextGaussian());
                        gradY[i] = (float) random.nextGaussian();
                    }
                    float[] y = new float[n];
                    kernels.pointwise(f, x, y, n);
                    float[] accumulated = new float[n];
                    kernels.pointwiseBackward(f, x, y, gradY, accumulated, n);
                    float[] overwritten = new float[n];
                    java.util.Arrays.fill(overwritten, Float.NaN);
                    kernels.pointwiseBackwardOverwrite(f, x, y, gradY, overwritten, n);
                    for (int i = 0; i < n; i++) {
                        // +0 and −0 may differ (a zero product is not added to +0); the values are equal.
                        assertEquals(accumulated[i] + 0f, overwritten[i] + 0f, kernels.name() + " " + name + " n=" + n + " i=" + i);
                    }
                }
            }
        }
    }
}
