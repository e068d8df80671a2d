package dev.gradflow.bench;

import dev.gradflow.backend.Parallelism;
import dev.gradflow.backend.Transpose;
import dev.gradflow.backend.simd.SimdKernels;
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
 * Square SIMD GEMM, C = A·B (β = 0), n×n times n×n: 2n³ floating-point operations per call.
 * GFLOP/s = 2n³ / (score in µs) / 1000.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    @Param({"128", "256", "512", "1024", "2048"})
    int n;

    @Param({"1", "2"})
    int threads;

    @Param({"NN"})
    String transposes;

    private final SimdKernels kernels = new SimdKernels();
    private float[] a;
    private float[] b;
    private float[] c;
    private Transpose transA;
    private Transpose transB;

    @Setup
    public void setUp() {
        Parallelism.setThreads(threads);
        a = BenchData.uniform(n * n, 1);
        b = BenchData.uniform(n * n, 2);
        c = new float[n * n];
        transA = transposes.charAt(0) == 'T' ? Transpose.YES : Transpose.NO;
        transB = transposes.charAt(1) == 'T' ? Transpose.YES : Transpose.NO;
    }

    @Benchmark
    public float[] gemm() {
        kernels.gemm(transA, transB, n, n, n, a, 0, b, 0, 0f, c, 0);
        return c;
    }
}
