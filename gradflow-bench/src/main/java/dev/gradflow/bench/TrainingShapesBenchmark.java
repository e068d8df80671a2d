package dev.gradflow.bench;

import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.Parallelism;
import dev.gradflow.backend.Transpose;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The thin GEMMs a training step runs, written "TRANSPOSES:m×n×k" as the autograd calls them: forward of a Linear
 * layer is NT (x·Wᵀ), backward is NN (∂x = G·W) and TN (∂W = Gᵀ·x). GFLOP/s = 2mnk / (score in ns).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingShapesBenchmark {
    @Param({
            // seed model 10 → 128 → 64 → 1, batch 1000
            "NT:1000x128x10", "NT:1000x64x128", "NT:1000x1x64",
            "NN:1000x128x64", "TN:64x128x1000", "TN:128x10x1000", "TN:1x64x1000", "NN:1000x64x1",
            // mnist 784 → 256 → 256 → 10, batch 128
            "NT:128x256x784", "NT:128x256x256", "NT:128x10x256", "TN:256x784x128", "NN:128x256x10", "TN:10x256x128",
            // batch of one
            "NT:1x128x10", "NT:1x64x128"})
    String shape;

    @Param({"1", "2"})
    int threads;

    @Param({"simd"})
    String kernels;

    private Kernels k;
    private Transpose transA;
    private Transpose transB;
    private int m;
    private int n;
    private int depth;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        Parallelism.setThreads(threads);
        k = BenchData.kernels(kernels);
        transA = shape.charAt(0) == 'T' ? Transpose.YES : Transpose.NO;
        transB = shape.charAt(1) == 'T' ? Transpose.YES : Transpose.NO;
        String[] dims = shape.substring(3).split("x");
        m = Integer.parseInt(dims[0]);
        n = Integer.parseInt(dims[1]);
        depth = Integer.parseInt(dims[2]);
        a = BenchData.uniform(m * depth, 1);
        b = BenchData.uniform(depth * n, 2);
        c = new float[m * n];
    }

    @Benchmark
    public float[] gemm() {
        k.gemm(transA, transB, m, n, depth, a, 0, b, 0, 1f, c, 0);
        return c;
    }
}
