package dev.gradflow.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BackwardPassTest {

    @Test
    void fanOutAccumulatesBothContributions() {
        // y = x·x + x → dy/dx = 2x + 1
        Tensor x = Tensor.vector(3f, -2f).requiresGrad(true);
        Tensor y = x.mul(x).add(x).sum();
        y.backward();
        assertArrayEquals(new float[] {7f, -3f}, x.grad().data());
    }

    @Test
    void leafGradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        x.mul(3f).sum().backward();
        x.mul(3f).sum().backward();
        assertArrayEquals(new float[] {6f, 6f}, x.grad().data());
        x.zeroGrad();
        assertArrayEquals(new float[] {0f, 0f}, x.grad().data());
    }

    @Test
    void thousandLayerChainNeedsNoRecursion() {
        Tensor x = Tensor.vector(1f).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) y = y.mul(1f);
        y.sum().backward();
        assertEquals(1f, x.grad().data()[0]);
    }

    @Test
    void noGradRecordsNothing() {
        Tensor x = Tensor.vector(1f).requiresGrad(true);
        try (var _ = GradMode.noGrad()) {
            Tensor y = x.mul(2f);
            assertFalse(y.requiresGrad());
            assertNull(y.gradFn());
        }
        assertTrue(x.mul(2f).requiresGrad());
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = Tensor.vector(2f).requiresGrad(true);
        Tensor y = x.mul(x.detach()).sum();
        y.backward();
        assertArrayEquals(new float[] {2f}, x.grad().data());
    }

    @Test
    void intermediateGradientsAreDroppedUnlessRetained() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        Tensor h = x.mul(2f).retainGrad();
        Tensor k = x.mul(3f);
        h.add(k).sum().backward();
        assertArrayEquals(new float[] {1f, 1f}, h.grad().data());
        assertNull(k.grad());
    }

    @Test
    void backwardNeedsAScalar() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.mul(2f).backward());
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void sameGraphGivesBitIdenticalGradients() {
        float[] first = null;
        for (int run = 0; run < 3; run++) {
            Tensor a = Tensor.randn(new java.util.SplittableRandom(7), 16, 8).requiresGrad(true);
            Tensor w = Tensor.randn(new java.util.SplittableRandom(8), 8, 4).requiresGrad(true);
            Tensor h = a.matmul(w).tanh();
            h.mul(h).add(h).sum().backward();
            if (first == null) first = a.grad().toArray();
            else assertArrayEquals(first, a.grad().data());
        }
    }
}
