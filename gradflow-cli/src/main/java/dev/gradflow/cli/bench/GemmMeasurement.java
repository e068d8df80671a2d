package dev.gradflow.cli.bench;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.Transpose;
import java.util.SplittableRandom;

/** Times the square product C = A·B (n×n times n×n, 2n³ floating-point operations) on the kernels in use. */
final class GemmMeasurement {
    private GemmMeasurement() {}

    /** The GEMM rate at size {@code n}: 2n³ / (median seconds per product), in GFLOP/s. */
    static BenchResults.Gemm measure(int n, int threads, TimingBudget budget) {
        Kernels kernels = KernelProvider.kernels();
        float[] a = uniform(n * n, 1);
        float[] b = uniform(n * n, 2);
        float[] c = new float[n * n];
        Timing t = Timing.measure(() -> kernels.gemm(Transpose.NO, Transpose.NO, n, n, n, a, 0, b, 0, 0f, c, 0), budget);
        return new BenchResults.Gemm(n, threads, 2.0 * n * n * n / t.medianSeconds() / 1e9);
    }

    /** Values uniform in [−1, 1) from a fixed seed. */
    private static float[] uniform(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (random.nextDouble() * 2 - 1);
        return x;
    }
}
