package dev.gradflow.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Blockwise measurement of an in-place update: blocks in order, each element once, sums of the whole range. */
class BlockwiseUpdateTest {

    @Test
    void measuresTheRangeBlockByBlock() {
        SplittableRandom random = new SplittableRandom(4);
        int n = 2 * BlockwiseUpdate.BLOCK + 9;
        float[] param = new float[n];
        for (int i = 0; i < n; i++) param[i] = (float) random.nextGaussian();
        float[] before = param.clone();
        List<int[]> calls = new ArrayList<>();
        UpdateSummary s = BlockwiseUpdate.measure(param, 3, n - 2, (from, to) -> {
            calls.add(new int[] {from, to});
            for (int i = from; i < to; i++) param[i] = param[i] * 0.5f + 1f;
        });
        assertEquals(3, calls.size());
        assertArrayEquals(new int[] {3, 3 + BlockwiseUpdate.BLOCK}, calls.get(0));
        assertArrayEquals(new int[] {3 + 2 * BlockwiseUpdate.BLOCK, n - 2}, calls.get(2));
        double weights = 0;
        double updates = 0;
        for (int i = 3; i < n - 2; i++) {
            float d = param[i] - before[i];
            weights += (double) before[i] * before[i];
            updates += (double) d * d;
        }
        assertEquals(before[0], param[0], "outside the range untouched");
        assertEquals(weights, s.beforeSumOfSquares(), 1e-12 * weights);
        assertEquals(updates, s.differenceSumOfSquares(), 1e-12 * updates);
    }

    @Test
    void anEmptyRangeStillTakesItsStep() {
        int[] calls = {0};
        UpdateSummary s = BlockwiseUpdate.measure(new float[4], 2, 2, (from, to) -> calls[0]++);
        assertEquals(1, calls[0]);
        assertEquals(new UpdateSummary(0, 0), s);
    }

    @Test
    void theReferenceKernelsMeasureAdamAsTheyUpdate() {
        SplittableRandom random = new SplittableRandom(5);
        int n = BlockwiseUpdate.BLOCK + 77;
        float[] param = new float[n];
        float[] grad = new float[n];
        for (int i = 0; i < n; i++) {
            param[i] = (float) random.nextGaussian();
            grad[i] = (float) random.nextGaussian();
        }
        AdamCoefficients c = AdamCoefficients.of(2, 1e-2, 0.9, 0.999, 1e-8, 0, 0.01);
        float[] expected = param.clone();
        ScalarUpdates.adam(c, expected, grad, new float[n], new float[n], null, 0, n);
        float[] before = param.clone();
        UpdateSummary s = new ScalarKernels().adamUpdateMeasured(c, param, grad, new float[n], new float[n], null, 0, n);
        assertArrayEquals(expected, param);
        UpdateSummary reference = new ScalarKernels().summarizeUpdate(param, 0, before, 0, n);
        assertEquals(reference.beforeSumOfSquares(), s.beforeSumOfSquares(), 1e-12 * reference.beforeSumOfSquares());
        assertEquals(reference.differenceSumOfSquares(), s.differenceSumOfSquares(), 1e-12 * reference.differenceSumOfSquares());
    }
}
