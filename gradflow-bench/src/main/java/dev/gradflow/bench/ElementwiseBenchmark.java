package dev.gradflow.bench;

import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.PointwiseFunction;
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
 * Elementwise, reduction and activation kernels on a 1000×128 activation matrix (one hidden layer of the seed
 * model), scalar against SIMD. Score: µs per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ElementwiseBenchmark {
    private static final int ROWS = 1000;
    private static final int COLS = 128;

    @Param({"scalar", "simd"})
    String kernels;

    private Kernels k;
    private float[] x;
    private float[] z;
    private float[] out;
    private float[] row;
    private final PointwiseFunction relu = PointwiseFunction.Relu.INSTANCE;
    private final PointwiseFunction sigmoid = PointwiseFunction.Sigmoid.INSTANCE;
    private final PointwiseFunction tanh = PointwiseFunction.Tanh.INSTANCE;

    @Setup
    public void setUp() {
        k = BenchData.kernels(kernels);
        x = BenchData.uniform(ROWS * COLS, 1);
        z = BenchData.uniform(ROWS * COLS, 2);
        out = new float[ROWS * COLS];
        row = BenchData.uniform(COLS, 3);
    }

    @Benchmark
    public float[] add() {
        k.add(x, z, out, out.length);
        return out;
    }

    @Benchmark
    public float[] axpy() {
        k.axpy(1e-3f, x, out, out.length);
        return out;
    }

    @Benchmark
    public float[] addRowVector() {
        k.addRowVector(x, row, out, ROWS, COLS);
        return out;
    }

    @Benchmark
    public float[] sumRowsInto() {
        k.sumRowsInto(x, ROWS, COLS, row);
        return row;
    }

    @Benchmark
    public double sum() {
        return k.sum(x, 0, x.length);
    }

    @Benchmark
    public float[] reluForward() {
        k.pointwise(relu, x, out, out.length);
        return out;
    }

    @Benchmark
    public float[] reluBackward() {
        k.pointwiseBackward(relu, x, z, z, out, out.length);
        return out;
    }

    @Benchmark
    public float[] sigmoidForward() {
        k.pointwise(sigmoid, x, out, out.length);
        return out;
    }

    @Benchmark
    public float[] tanhForward() {
        k.pointwise(tanh, x, out, out.length);
        return out;
    }

    @Benchmark
    public float[] tanhBackward() {
        k.pointwiseBackward(tanh, x, z, z, out, out.length);
        return out;
    }

    @Benchmark
    public float[] softmaxRows() {
        k.softmaxRows(x, out, ROWS, COLS);
        return out;
    }
}
