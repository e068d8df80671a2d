package dev.gradflow.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link RowTranspose} against its definition, dst[d + p·dstStride + r] = src[s + r·srcStride + p], for eight and
 * sixteen rows, every count up to 40 (whole register blocks of 8 or 16 p and every remainder), source strides equal
 * to the count and larger, and destination strides 8 (A panels), 16 and 32 (B panels); nothing written outside.
 */
class RowTransposeTest {

    @Test
    void eightRowsMatchTheDefinition() {
        check(8);
    }

    @Test
    void sixteenRowsMatchTheDefinition() {
        check(16);
    }

    @Test
    void theRoundIndicesInterleaveBlocksOfBothVectors() {
        int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        if (lanes != 8) return;   // the documented example is the 8-lane one
        assertArrayEquals(new float[] {0, 8, 1, 9, 2, 10, 3, 11}, RowTranspose.interleave(1, false));
        assertArrayEquals(new float[] {4, 12, 5, 13, 6, 14, 7, 15}, RowTranspose.interleave(1, true));
        assertArrayEquals(new float[] {0, 1, 8, 9, 2, 3, 10, 11}, RowTranspose.interleave(2, false));
        assertArrayEquals(new float[] {4, 5, 6, 7, 12, 13, 14, 15}, RowTranspose.interleave(4, true));
    }

    private static void check(int rows) {
        for (int count = 0; count <= 40; count++) {
            for (int srcStride : new int[] {count, count + 3, 57}) {
                if (srcStride < count) continue;
                for (int dstStride : new int[] {8, 16, 32}) {
                    if (dstStride < rows) continue;
                    float[] src = new float[5 + rows * srcStride + count];
                    for (int i = 0; i < src.length; i++) src[i] = i;
                    float[] dst = new float[3 + Math.max(count, 1) * dstStride + rows + 2];
                    Arrays.fill(dst, -1f);
                    if (rows == 8) RowTranspose.eightRows(src, 5, srcStride, count, dst, 3, dstStride);
                    else RowTranspose.sixteenRows(src, 5, srcStride, count, dst, 3, dstStride);
                    float[] expected = new float[dst.length];
                    Arrays.fill(expected, -1f);
                    for (int p = 0; p < count; p++) {
                        for (int r = 0; r < rows; r++) expected[3 + p * dstStride + r] = src[5 + r * srcStride + p];
                    }
                    assertArrayEquals(expected, dst, rows + " rows, count " + count + ", strides " + srcStride + "/" + dstStride);
                }
            }
        }
    }
}
