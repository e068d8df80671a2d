package dev.gradflow.bench;

import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.ScalarKernels;
import dev.gradflow.backend.simd.SimdKernels;
import java.util.SplittableRandom;

/** Shared helpers: seeded random inputs and the kernels named by a benchmark parameter. */
final class BenchData {
    private BenchData() {}

    /** Uniform values in [−1, 1), from a fixed seed. */
    static float[] uniform(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (random.nextDouble() * 2 - 1);
        return x;
    }

    /** "scalar" or "simd". */
    static Kernels kernels(String name) {
        return switch (name) {
            case "scalar" -> new ScalarKernels();
            case "simd" -> new SimdKernels();
            default -> throw new IllegalArgumentException("benchmark kernels must be scalar or simd, got '" + name + "'");
        };
    }
}
