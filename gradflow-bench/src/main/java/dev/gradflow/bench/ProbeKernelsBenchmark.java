package dev.gradflow.bench;

import dev.gradflow.backend.Kernels;
import java.util.SplittableRandom;
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
 * The passes a gradient-flow probe makes over the parameters of the MNIST MLP (784-256-256-10: 269,322 floats) at
 * every recorded step: Σg², max|g|, the count of zeros (half the gradient is zero, in random places, as behind ReLU
 * units), the weight snapshot, and the update norm (difference, then Σd²) as separate passes, and the single-pass
 * kernels the probe runs: {@code summarizeMagnitudes} (Σg², max|g|, zeros and non-finite count in one loop) and
 * {@code summarizeUpdate} (ΣW² before the step and the update norm, nothing written) over whole arrays and, as the
 * probe runs it, over blocks an observed optimizer step has just written (and so are in the cache). Scalar against SIMD; µs per call. A step of that model takes about 1.1 ms, so 10%
 * probe overhead is 110 µs for all passes together (the layer outputs included).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ProbeKernelsBenchmark {
    private static final int SIZE = 269_322;

    @Param({"scalar", "simd"})
    String kernels;

    private Kernels k;
    private float[] gradient;
    private float[] weights;
    private float[] snapshot;
    private static final int BLOCK = 8192;
    private final float[] block = new float[BLOCK];

    @Setup
    public void setUp() {
        k = BenchData.kernels(kernels);
        SplittableRandom random = new SplittableRandom(5);
        gradient = new float[SIZE];
        for (int i = 0; i < SIZE; i++) gradient[i] = random.nextBoolean() ? 0f : (float) random.nextGaussian() * 1e-3f;
        weights = BenchData.uniform(SIZE, 6);
        snapshot = new float[SIZE];
    }

    @Benchmark
    public double sumOfSquares() {
        return k.sumOfSquares(gradient, 0, SIZE);
    }

    @Benchmark
    public float maxAbs() {
        return k.maxAbs(gradient, 0, SIZE);
    }

    @Benchmark
    public int countZeros() {
        return k.countZeros(gradient, 0, SIZE);
    }

    @Benchmark
    public float[] snapshot() {
        System.arraycopy(weights, 0, snapshot, 0, SIZE);
        return snapshot;
    }

    @Benchmark
    public Object summarizeMagnitudes() {
        return k.summarizeMagnitudes(gradient, 0, SIZE);
    }

    @Benchmark
    public Object summarizeUpdate() {
        return k.summarizeUpdate(weights, 0, snapshot, 0, SIZE);
    }

    /** The probe's way: blocks of 8192 as an observed optimizer step reports them, each just copied (so in cache). */
    @Benchmark
    public double summarizeUpdateInBlocks() {
        double sum = 0;
        for (int from = 0; from < SIZE; from += BLOCK) {
            int length = Math.min(BLOCK, SIZE - from);
            System.arraycopy(weights, from, block, 0, length);
            sum += k.summarizeUpdate(weights, from, block, 0, length).differenceSumOfSquares();
        }
        return sum;
    }

    @Benchmark
    public double updateNorm() {
        k.sub(weights, gradient, snapshot, SIZE);
        return k.sumOfSquares(snapshot, 0, SIZE);
    }
}
