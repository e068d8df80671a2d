package dev.gradflow.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropoutTest {

    private static Tensor ones(int n) {
        return Tensor.ones(n);
    }

    /** The documented mask law, implemented literally: mask k keeps u_i ≥ p, u from SplittableRandom(mix64(mix64(seed) + k)). */
    @Test
    void maskKIsDrawnFromTheSeedAndTheCounterAsDocumented() {
        float p = 0.3f;
        long seed = 1234;
        Dropout dropout = new Dropout(p, seed);
        for (long k = 0; k < 4; k++) {
            float[] y = dropout.forward(ones(50)).data();
            SplittableRandom expected = new SplittableRandom(mix64(mix64(seed) + k));
            for (int i = 0; i < y.length; i++) {
                float want = expected.nextFloat() >= p ? 1f / (1f - p) : 0f;
                assertEquals(want, y[i], "mask " + k + ", element " + i);
            }
        }
        assertEquals(new Dropout.RandomState(seed, 4), dropout.randomState());
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Test
    void restoringTheRandomStateReplaysTheFollowingMasks() {
        Dropout first = new Dropout(0.5f, new SplittableRandom(3));
        first.forward(ones(40));
        first.forward(ones(40));
        Dropout.RandomState saved = first.randomState();
        float[] third = first.forward(ones(40)).data();
        float[] fourth = first.forward(ones(40)).data();

        Dropout resumed = new Dropout(0.5f, 999);
        resumed.restoreRandomState(saved);
        assertArrayEquals(third, resumed.forward(ones(40)).data());
        assertArrayEquals(fourth, resumed.forward(ones(40)).data());
        assertFalse(Arrays.equals(third, fourth), "each call draws a new mask");
    }

    @Test
    void theGeneratorConstructorDrawsItsSeedAtTheFirstMaskNotAtConstruction() {
        SplittableRandom random = new SplittableRandom(11);
        SplittableRandom twin = new SplittableRandom(11);
        Dropout dropout = new Dropout(0.2f, random);
        assertEquals(twin.nextLong(), random.nextLong(), "building the layer draws nothing");

        SplittableRandom source = new SplittableRandom(12);
        long seed = new SplittableRandom(12).nextLong();
        Dropout lazy = new Dropout(0.2f, source);
        assertArrayEquals(new Dropout(0.2f, seed).forward(ones(30)).data(), lazy.forward(ones(30)).data());
        assertEquals(new Dropout.RandomState(seed, 1), lazy.randomState());
    }

    @Test
    void randomStateFixesAPendingSeed() {
        long seed = new SplittableRandom(5).nextLong();
        Dropout dropout = new Dropout(0.4f, new SplittableRandom(5));
        assertEquals(new Dropout.RandomState(seed, 0), dropout.randomState());
        assertEquals(new Dropout.RandomState(seed, 0), dropout.randomState(), "drawn once");
    }

    @Test
    void evaluationAndZeroProbabilityAreTheIdentityAndDrawNoMask() {
        Tensor x = Tensor.rand(new SplittableRandom(1), 4, 5);
        Dropout dropout = new Dropout(0.5f, 7);
        dropout.setMode(Mode.EVALUATION);
        assertSame(x, dropout.forward(x));
        assertSame(x, new Dropout(0f, 7).forward(x));
        assertEquals(0, dropout.randomState().masksDrawn());
    }

    @Test
    void aboutPOfTheElementsAreDroppedAndTheRestScaled() {
        Dropout dropout = new Dropout(0.3f, 42);
        float[] y = dropout.forward(ones(20_000)).data();
        int zeros = 0;
        for (float v : y) {
            if (v == 0f) zeros++;
            else assertEquals(1f / 0.7f, v);
        }
        assertTrue(Math.abs(zeros / 20_000.0 - 0.3) < 0.02, "dropped fraction " + zeros / 20_000.0);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1f, 0));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1f, new SplittableRandom(0)));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(0.5f, null));
        assertThrows(IllegalArgumentException.class, () -> new Dropout.RandomState(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(0.5f, 0).restoreRandomState(null));
    }
}
