package dev.gradflow.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RowTransposeTest {

    @Test
    void matchesTheDefinitionForEveryCountAndStride() {
        for (int count = 0; count <= 19; count++) {
            for (int srcStride : new int[] {count, count + 3, 40}) {
                if (srcStride < count) continue;
                for (int dstStride : new int[] {8, 32}) {
                    float[] src = new float[5 + 8 * srcStride + count];
                    for (int i = 0; i < src.length; i++) src[i] = i;
                    float[] dst = new float[3 + Math.max(count, 1) * dstStride + 8];
                    Arrays.fill(dst, -1f);
                    RowTranspose.eightRows(src, 5, srcStride, count, dst, 3, dstStride);
                    for (int p = 0; p < count; p++) {
                        for (int r = 0; r < 8; r++) {
                            assertEquals(src[5 + r * srcStride + p], dst[3 + p * dstStride + r],
                                    "count " + count + " strides " + srcStride + "/" + dstStride + " at r=" + r + " p=" + p);
                        }
                    }
                    assertEquals(-1f, dst[2], "wrote before the destination");
                }
            }
        }
    }
}
