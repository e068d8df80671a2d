package dev.gradflow.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** zeroGrad fills lazily; a backward rule may overwrite a gradient that holds nothing yet. */
class GradientStorageTest {

    @Test
    void zeroedGradientReadsAsZerosAndKeepsItsBuffer() {
        Tensor w = Tensor.vector(1f, 2f).requiresGrad(true);
        w.mul(3f).sum().backward();
        float[] buffer = w.gradBufferOrNull();
        assertFalse(w.gradIsZero());
        w.zeroGrad();
        assertTrue(w.gradIsZero());
        assertArrayEquals(new float[] {0f, 0f}, w.grad().data());
        assertSame(buffer, w.gradBufferOrNull());
        assertFalse(w.gradIsZero(), "once read, the zeros are real and later rules add to them");
    }

    @Test
    void overwriteSkipsTheZeroFillButOnlyWhileNothingWasAccumulated() {
        Tensor w = Tensor.vector(1f, 2f).requiresGrad(true);
        w.mul(3f).sum().backward();
        w.zeroGrad();
        float[] g = w.gradBufferForOverwrite();
        assertArrayEquals(new float[] {3f, 3f}, g, "stale values stay until the rule writes them");
        g[0] = 5f;
        g[1] = 6f;
        assertArrayEquals(new float[] {5f, 6f}, w.grad().data());
        assertThrows(IllegalStateException.class, w::gradBufferForOverwrite);
        w.mul(1f).sum().backward();
        assertArrayEquals(new float[] {6f, 7f}, w.grad().data(), "a later pass accumulates");
    }
}
