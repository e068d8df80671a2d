package dev.gradflow.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.Parallelism;
import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.backend.ScalarKernels;
import dev.gradflow.backend.Transpose;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused linear + activation kernel (bias add and f applied to each GEMM tile) against the same SIMD kernels run
 * one after the other — gemm, addRowVector, pointwise — bit for bit, at awkward sizes (edge tiles, row tails, several
 * K blocks, the one-row and one-column products), with and without bias, on one and two threads; and the scalar
 * provider's default against its own unfused kernels.
 */
class FusedLinearActivationTest {
    private static final int[] SIZES = {1, 3, 7, 8, 13, 31, 64, 207};
    private static final List<PointwiseFunction> FUNCTIONS = List.of(
            PointwiseFunction.Relu.INSTANCE, PointwiseFunction.Tanh.INSTANCE, PointwiseFunction.Sigmoid.INSTANCE,
            new PointwiseFunction.LeakyRelu(0.01f), PointwiseFunction.Identity.INSTANCE, PointwiseFunction.byName("gelu"));

    @Test
    void simdFusedEqualsUnfusedBitForBit() {
        SplittableRandom random = new SplittableRandom(5);
        int previous = Parallelism.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                Parallelism.setThreads(threads);
                for (int rows : SIZES) {
                    for (int out : SIZES) {
                        for (int in : new int[] {1, 10, 31, 300}) {
                            PointwiseFunction f = FUNCTIONS.get(random.nextInt(FUNCTIONS.size()));
                            check(new SimdKernels(), random, rows, out, in, f, random.nextBoolean());
                        }
                    }
                }
                // Large enough to run on two threads (the parallel sweep), with more than one K block.
                for (PointwiseFunction f : FUNCTIONS) check(new SimdKernels(), random, 207, 130, 600, f, true);
            }
        } finally {
            Parallelism.setThreads(previous);
        }
    }

    @Test
    void scalarDefaultEqualsUnfused() {
        SplittableRandom random = new SplittableRandom(6);
        for (PointwiseFunction f : FUNCTIONS) check(new ScalarKernels(), random, 13, 31, 7, f, true);
    }

    private static void check(Kernels k, SplittableRandom random, int rows, int out, int in, PointwiseFunction f,
                              boolean withBias) {
        float[] x = uniform(random, rows * in);
        float[] weight = uniform(random, out * in);
        float[] bias = withBias ? uniform(random, out) : null;
        float[] expectedPre = new float[rows * out];
        float[] expectedAct = new float[rows * out];
        k.gemm(Transpose.NO, Transpose.YES, rows, out, in, x, 0, weight, 0, 0f, expectedPre, 0);
        if (bias != null) k.addRowVector(expectedPre, bias, expectedPre, rows, out);
        k.pointwise(f, expectedPre, expectedAct, rows * out);
        float[] pre = new float[rows * out];
        float[] act = new float[rows * out];
        java.util.Arrays.fill(pre, Float.NaN);
        k.linearActivation(rows, out, in, x, weight, bias, f, pre, act);
        String label = f.name() + " " + rows + "x" + out + "x" + in + (withBias ? " with bias" : "") + " on "
                + Parallelism.threads() + " threads";
        assertArrayEquals(expectedPre, pre, "pre-activation, " + label);
        assertArrayEquals(expectedAct, act, "activation, " + label);
    }

    private static float[] uniform(SplittableRandom random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) random.nextDouble(-3, 3);
        return out;
    }
}
