package dev.gradflow.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * {@link MatrixVector#combineRows}'s column tail is computed by scalar fused multiply-adds, its other columns in
 * vector lanes: a column must get the same bits either way, with β = 0 (y ignored, even NaN) and β ≠ 0.
 */
class MatrixVectorTest {
    private static final int L = FloatVector.SPECIES_PREFERRED.length();

    @Test
    void aColumnHasTheSameBitsInVectorLanesAndInTheScalarTail() {
        SplittableRandom random = new SplittableRandom(17);
        int rows = 37;
        int wide = 4 * L + 2 * L;   // every column in vector lanes (a 4-vector block, then single vectors)
        for (int narrow : new int[] {1, L - 1, L + 3, 4 * L + L - 1}) {
            for (float beta : new float[] {0f, 0.75f}) {
                float[] x = uniform(random, rows);
                float[] matrix = uniform(random, rows * wide);
                float[] sub = new float[rows * narrow];   // the first `narrow` columns, stored with stride `narrow`
                for (int p = 0; p < rows; p++) System.arraycopy(matrix, p * wide, sub, p * narrow, narrow);
                float[] y = uniform(random, wide);
                if (beta == 0f) y[0] = Float.NaN;
                float[] yNarrow = new float[narrow];
                System.arraycopy(y, 0, yNarrow, 0, narrow);

                MatrixVector.combineRows(x, 0, matrix, 0, rows, wide, y, 0, beta);
                MatrixVector.combineRows(x, 0, sub, 0, rows, narrow, yNarrow, 0, beta);
                for (int j = 0; j < narrow; j++) {
                    assertEquals(Float.floatToRawIntBits(y[j]), Float.floatToRawIntBits(yNarrow[j]),
                            "column " + j + " of " + narrow + ", beta " + beta + ": " + y[j] + " vs " + yNarrow[j]);
                }
            }
        }
    }

    private static float[] uniform(SplittableRandom random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) (random.nextDouble() * 2 - 1);
        return out;
    }
}
