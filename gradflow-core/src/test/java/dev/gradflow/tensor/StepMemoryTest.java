package dev.gradflow.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.CrossEntropyLoss;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Adam;
import dev.gradflow.optim.AdamConfig;
import dev.gradflow.optim.Optimizer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StepMemoryTest {

    @AfterEach
    void dropPool() {
        StepMemory.releasePool();
    }

    /** 6 → 16 ReLU → 16 tanh → classes, PyTorch default init. */
    private static Sequential model(long seed, int classes) {
        SplittableRandom random = new SplittableRandom(seed);
        return new Sequential(new Linear(6, 16, random), Activation.of("relu"), new Linear(16, 16, random),
                Activation.of("tanh"), new Linear(16, classes, random));
    }

    /** Runs {@code steps} Adam steps, inside a scope per step or not; returns the loss of each step. */
    private static float[] train(Sequential model, Loss loss, Tensor x, Tensor y, int steps, boolean scoped) {
        Optimizer adam = new Adam(model.parameters(), AdamConfig.defaults().withLearningRate(1e-2));
        float[] losses = new float[steps];
        for (int s = 0; s < steps; s++) {
            StepMemory memory = scoped ? StepMemory.open() : null;
            adam.zeroGrad();
            Tensor value = loss.compute(model.forward(x), y);
            value.backward();
            losses[s] = value.item();
            adam.step();
            if (memory != null) memory.close();
        }
        return losses;
    }

    @Test
    void stepsInsideAScopeGiveTheSameNumbersBitForBit() {
        SplittableRandom random = new SplittableRandom(7);
        Tensor x = Tensor.randn(random, 20, 6);
        Tensor regressionTarget = Tensor.randn(random, 20, 2);
        float[] labels = new float[20];
        for (int i = 0; i < labels.length; i++) labels[i] = random.nextInt(3);
        Tensor classTarget = Tensor.of(labels, 20);
        for (var c : List.of(new Object[] {new MseLoss(), regressionTarget, 2}, new Object[] {new CrossEntropyLoss(), classTarget, 3})) {
            Loss loss = (Loss) c[0];
            Tensor y = (Tensor) c[1];
            int outputs = (Integer) c[2];
            Sequential plain = model(1, outputs);
            Sequential scoped = model(1, outputs);
            assertArrayEquals(train(plain, loss, x, y, 6, false), train(scoped, loss, x, y, 6, true), loss.name());
            for (int p = 0; p < plain.parameters().size(); p++) {
                assertArrayEquals(plain.parameters().get(p).data(), scoped.parameters().get(p).data(), loss.name() + " parameter " + p);
            }
        }
    }

    @Test
    void resultsAreInvalidOnceTheScopeCloses() {
        Tensor x = Tensor.vector(1f, 2f, 3f);
        Tensor doubled;
        Tensor view;
        Tensor kept;
        try (StepMemory memory = StepMemory.open()) {
            doubled = x.mul(2f);
            view = doubled.detach();
            kept = doubled.copy();
            assertArrayEquals(new float[] {2f, 4f, 6f}, view.data());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, doubled::data);
        assertTrue(e.getMessage().contains("copy()"), e.getMessage());
        assertThrows(IllegalStateException.class, view::data);
        assertThrows(IllegalStateException.class, doubled::item);
        assertTrue(doubled.toString().contains("invalidated"), doubled.toString());
        assertArrayEquals(new float[] {2f, 4f, 6f}, kept.data());
        assertArrayEquals(new float[] {1f, 2f, 3f}, x.data());
    }

    @Test
    void withoutAScopeResultsKeepTheirOwnStorage() {
        Tensor y = Tensor.vector(1f, 2f).mul(3f);
        try (StepMemory memory = StepMemory.open()) {
            Tensor.vector(5f, 5f).mul(1f);
        }
        assertArrayEquals(new float[] {3f, 6f}, y.data());
    }

    @Test
    void intermediateGradientsGoBackToThePoolDuringBackwardAndRetainedOnesStayUntilClose() {
        Tensor w = Tensor.vector(1f, -2f, 3f, -4f).requiresGrad(true);
        try (StepMemory memory = StepMemory.open()) {
            Tensor hidden = w.mul(2f).retainGrad();
            Tensor out = hidden.relu().mul(3f).sum();
            long before = StepMemory.pooledFloats();
            out.backward();
            assertTrue(StepMemory.pooledFloats() > before, "the relu and mul gradients were returned");
            assertArrayEquals(new float[] {3f, 0f, 3f, 0f}, hidden.grad().data());
            assertArrayEquals(new float[] {6f, 0f, 6f, 0f}, w.grad().data());
        }
        assertArrayEquals(new float[] {6f, 0f, 6f, 0f}, w.grad().data(), "a leaf's gradient is its own");
    }

    @Test
    void warmStepsTakeEveryArrayFromThePool() {
        SplittableRandom random = new SplittableRandom(3);
        Sequential model = new Sequential(new Linear(64, 256, random), Activation.of("relu"), new Linear(256, 256, random),
                Activation.of("relu"), new Linear(256, 10, random));
        Tensor x = Tensor.randn(random, 64, 64);
        float[] labels = new float[64];
        for (int i = 0; i < labels.length; i++) labels[i] = random.nextInt(10);
        Tensor y = Tensor.of(labels, 64);
        long first = StepMemory.arraysCreated();
        train(model, new CrossEntropyLoss(), x, y, 1, true);
        assertTrue(StepMemory.arraysCreated() > first, "the first step fills the pool");
        long warm = StepMemory.arraysCreated();
        train(model, new CrossEntropyLoss(), x, y, 4, true);
        assertEquals(warm, StepMemory.arraysCreated(), "later steps of the same shapes create no arrays");
    }

    @Test
    void scopesCloseInnermostFirstOnTheThreadThatOpenedThem() throws Exception {
        StepMemory outer = StepMemory.open();
        StepMemory inner = StepMemory.open();
        Tensor early = Tensor.vector(1f).mul(2f);
        assertThrows(IllegalStateException.class, outer::close);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                inner.close();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        other.join();
        assertTrue(failure.get() instanceof IllegalStateException, String.valueOf(failure.get()));
        inner.close();
        assertThrows(IllegalStateException.class, early::data);
        assertTrue(StepMemory.isOpen());
        outer.close();
        assertEquals(false, StepMemory.isOpen());
    }
}
