package dev.gradflow.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The probes' single-pass kernels on known values, for the reference and for the kernels in use. */
class ProbeKernelsTest {
    private static final Kernels[] KERNELS = {new ScalarKernels(), KernelProvider.kernels()};

    @Test
    void summarizeMagnitudes() {
        float[] x = {9f, 0f, -3f, -0f, 2f, Float.NaN, 4f, Float.NEGATIVE_INFINITY};
        for (Kernels k : KERNELS) {
            assertEquals(new MagnitudeSummary(9 + 4, 3f, 2, 0), k.summarizeMagnitudes(x, 1, 4), k.name());
            MagnitudeSummary all = k.summarizeMagnitudes(x, 0, x.length);
            assertEquals(9f, all.maxAbs(), k.name() + ": the largest finite |x|");
            assertEquals(2, all.zeros(), k.name());
            assertEquals(2, all.nonFinite(), k.name());
            assertEquals(new MagnitudeSummary(0, 0f, 0, 0), k.summarizeMagnitudes(x, 3, 0), k.name() + ": empty");
        }
    }

    @Test
    void summarizeRange() {
        float[] y = {0.005f, 0.5f, 0.995f, 0.2f, Float.NaN};
        for (Kernels k : KERNELS) {
            RangeSummary s = k.summarizeRange(y, 4, 0.01f, 0.99f);
            assertEquals((double) 0.005f + 0.5f + 0.995f + 0.2f, s.sum(), 1e-15, k.name());
            double squares = (double) 0.005f * 0.005f + 0.25 + (double) 0.995f * 0.995f + (double) 0.2f * 0.2f;
            assertEquals(squares, s.sumOfSquares(), 1e-15, k.name());
            assertEquals(2, s.outside(), k.name());
            assertEquals(2, k.summarizeRange(y, 5, 0.01f, 0.99f).outside(), k.name() + ": NaN is not outside");
        }
    }

    @Test
    void summarizeUpdateAndSumOfSquaredDifferences() {
        float[] w = {1f, -2f, 3f};
        float[] before = {0.5f, -2f, 1f};
        float[] shifted = {7f, 7f, 1f, -2f, 3f};
        for (Kernels k : KERNELS) {
            assertEquals(0.25 + 0 + 4, k.sumOfSquaredDifferences(w, before, 3), k.name());
            assertEquals(new UpdateSummary(0.25 + 4 + 1, 0.25 + 0 + 4), k.summarizeUpdate(w, 0, before, 0, 3), k.name());
            assertEquals(new UpdateSummary(0.25 + 4 + 1, 0.25 + 0 + 4), k.summarizeUpdate(shifted, 2, before, 0, 3), k.name() + ": offsets");
            assertEquals(new UpdateSummary(4 + 1, 0 + 4), k.summarizeUpdate(w, 1, before, 1, 2), k.name() + ": offsets");
            assertArrayEquals(new float[] {0.5f, -2f, 1f}, before, k.name() + ": nothing written");
        }
    }

    @Test
    void countZeroColumns() {
        float[] m = {
            0f, 1f, -0f, 0f,
            -0f, 0f, 0f, Float.NaN,
            0f, 0f, 0f, 0f};
        for (Kernels k : KERNELS) {
            assertEquals(2, k.countZeroColumns(m, 3, 4), k.name() + ": columns 0 and 2");
            assertEquals(4, k.countZeroColumns(m, 0, 4), k.name() + ": no rows");
        }
    }
}
