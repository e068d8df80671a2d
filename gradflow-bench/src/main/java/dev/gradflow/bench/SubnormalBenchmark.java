package dev.gradflow.bench;

import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.Parallelism;
import dev.gradflow.backend.PointwiseFunction;
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
 * Does subnormal data slow the kernels down? The same GEMM (256³, one thread) and elementwise passes on normal
 * data and on "subnormal-heavy" data, where the activations (A, x) are scaled into the subnormal range as a deep
 * sigmoid/tanh stack's vanishing gradients are. The JVM cannot set flush-to-zero, so any penalty is paid in full.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SubnormalBenchmark {
    private static final int N = 256;

    /** normal: values in [−1, 1]; subnormal: the same values times 1e-39 (all below Float.MIN_NORMAL). */
    @Param({"normal", "subnormal"})
    String data;

    @Param({"scalar", "simd"})
    String kernels;

    private Kernels k;
    private float[] a;
    private float[] b;
    private float[] c;
    private float[] y;
    private float[] out;

    @Setup
    public void setUp() {
        Parallelism.setThreads(1);
        k = BenchData.kernels(kernels);
        a = BenchData.uniform(N * N, 1);
        b = BenchData.uniform(N * N, 2);
        c = new float[N * N];
        y = BenchData.uniform(N * N, 3);
        out = new float[N * N];
        if (data.equals("subnormal")) {
            for (int i = 0; i < a.length; i++) a[i] *= 1e-39f;
            for (int i = 0; i < y.length; i++) y[i] *= 1e-39f;
        }
    }

    @Benchmark
    public float[] gemm() {
        k.gemm(Transpose.NO, Transpose.NO, N, N, N, a, 0, b, 0, 0f, c, 0);
        return c;
    }

    @Benchmark
    public float[] mul() {
        k.mul(a, b, out, out.length);
        return out;
    }

    @Benchmark
    public float[] sigmoidBackward() {
        k.pointwiseBackward(PointwiseFunction.Sigmoid.INSTANCE, a, y, b, out, out.length);
        return out;
    }
}
