package dev.gradflow.bench;

import dev.gradflow.backend.Parallelism;
import dev.gradflow.diagnostics.GradientFlowProbe;
import dev.gradflow.diagnostics.ProbeConfig;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.CrossEntropyLoss;
import dev.gradflow.optim.Adam;
import dev.gradflow.optim.AdamConfig;
import dev.gradflow.tensor.StepMemory;
import dev.gradflow.tensor.Tensor;
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
 * One training step of the MNIST MLP (784 → 256 ReLU → 256 ReLU → 10, cross-entropy, batch 128, Adam lr 1e-3; the
 * {@code mnist_adam} workload of {@code gradflow bench}) on one thread: with op results and intermediate gradients
 * from the {@link StepMemory} pool or freshly allocated, and with or without a gradient-flow probe recording every
 * step. Score: µs per step. Run with {@code -prof gc} to see the bytes allocated per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingStepBenchmark {
    private static final int BATCH = 128;

    /** "pooled": each step inside a StepMemory scope (as the trainer runs it); "fresh": a new array per result. */
    @Param({"pooled", "fresh"})
    String memory;

    @Param({"off", "every_step"})
    String probe;

    private Sequential model;
    private CrossEntropyLoss loss;
    private Adam adam;
    private Tensor x;
    private Tensor y;
    private GradientFlowProbe flowProbe;
    private long step;

    @Setup
    public void setUp() {
        Parallelism.setThreads(1);
        SplittableRandom random = new SplittableRandom(0);
        model = new Sequential(new Linear(784, 256, random), Activation.of("relu"), new Linear(256, 256, random),
                Activation.of("relu"), new Linear(256, 10, random));
        x = Tensor.randn(random, BATCH, 784);
        float[] labels = new float[BATCH];
        for (int i = 0; i < BATCH; i++) labels[i] = random.nextInt(10);
        y = Tensor.of(labels, BATCH);
        loss = new CrossEntropyLoss();
        adam = new Adam(model.parameters(), AdamConfig.defaults().withLearningRate(1e-3));
        flowProbe = probe.equals("every_step") ? new GradientFlowProbe(model, ProbeConfig.defaults()) : null;
    }

    @Benchmark
    public double step() {
        if (memory.equals("pooled")) {
            try (StepMemory scope = StepMemory.open()) {
                return stepBody();
            }
        }
        return stepBody();
    }

    private double stepBody() {
        step++;
        if (flowProbe != null) flowProbe.beginStep(step);
        adam.zeroGrad();
        Tensor value = loss.compute(model.forward(x), y);
        value.backward();
        double lossValue = value.item();
        if (flowProbe != null) flowProbe.afterBackward(lossValue, adam.learningRate());
        if (flowProbe != null) flowProbe.stepOptimizer(adam);
        else adam.step();
        if (flowProbe != null) flowProbe.endStep(Double.NaN, false);
        return lossValue;
    }
}
