package dev.gradflow.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposes eight rows of a row-major matrix into interleaved slices, the layout GEMM packing needs when an operand
 * is stored the other way round: dst[d + p·dstStride + r] = src[s + r·srcStride + p] for r &lt; 8, p &lt; count.
 *
 * <p>Blocks of 8×8 are transposed in registers with three rounds of two-vector permutes (24 {@code selectFrom}, each
 * one instruction on AVX-512): 8 loads and 8 stores per 64 floats instead of 64 of each.
 */
final class RowTranspose {
    private static final VectorSpecies<Float> E = FloatVector.SPECIES_256;
    /** Round 1: interleave two rows, p 0–3 and p 4–7. */
    private static final float[] PAIR_LOW = {0, 8, 1, 9, 2, 10, 3, 11};
    private static final float[] PAIR_HIGH = {4, 12, 5, 13, 6, 14, 7, 15};
    /** Round 2: interleave two pairs, keeping two rows together. */
    private static final float[] QUAD_LOW = {0, 1, 8, 9, 2, 3, 10, 11};
    private static final float[] QUAD_HIGH = {4, 5, 12, 13, 6, 7, 14, 15};
    /** Round 3: join rows 0–3 and 4–7 of one p. */
    private static final float[] HALF_LOW = {0, 1, 2, 3, 8, 9, 10, 11};
    private static final float[] HALF_HIGH = {4, 5, 6, 7, 12, 13, 14, 15};

    private RowTranspose() {}

    static void eightRows(float[] src, int s, int srcStride, int count, float[] dst, int d, int dstStride) {
        if (E.length() != 8) throw new AssertionError("RowTranspose needs 8-float vectors");
        FloatVector pairLow = FloatVector.fromArray(E, PAIR_LOW, 0);
        FloatVector pairHigh = FloatVector.fromArray(E, PAIR_HIGH, 0);
        FloatVector quadLow = FloatVector.fromArray(E, QUAD_LOW, 0);
        FloatVector quadHigh = FloatVector.fromArray(E, QUAD_HIGH, 0);
        FloatVector halfLow = FloatVector.fromArray(E, HALF_LOW, 0);
        FloatVector halfHigh = FloatVector.fromArray(E, HALF_HIGH, 0);
        int p = 0;
        for (; p + 8 <= count; p += 8) {
            int at = s + p;
            FloatVector r0 = FloatVector.fromArray(E, src, at);
            FloatVector r1 = FloatVector.fromArray(E, src, at + srcStride);
            FloatVector r2 = FloatVector.fromArray(E, src, at + 2 * srcStride);
            FloatVector r3 = FloatVector.fromArray(E, src, at + 3 * srcStride);
            FloatVector r4 = FloatVector.fromArray(E, src, at + 4 * srcStride);
            FloatVector r5 = FloatVector.fromArray(E, src, at + 5 * srcStride);
            FloatVector r6 = FloatVector.fromArray(E, src, at + 6 * srcStride);
            FloatVector r7 = FloatVector.fromArray(E, src, at + 7 * srcStride);
            // a01Low = [r0p0 r1p0 r0p1 r1p1 r0p2 r1p2 r0p3 r1p3], a01High the same for p 4–7.
            FloatVector a01Low = pairLow.selectFrom(r0, r1);
            FloatVector a01High = pairHigh.selectFrom(r0, r1);
            FloatVector a23Low = pairLow.selectFrom(r2, r3);
            FloatVector a23High = pairHigh.selectFrom(r2, r3);
            FloatVector a45Low = pairLow.selectFrom(r4, r5);
            FloatVector a45High = pairHigh.selectFrom(r4, r5);
            FloatVector a67Low = pairLow.selectFrom(r6, r7);
            FloatVector a67High = pairHigh.selectFrom(r6, r7);
            // b0 = [r0..r3 of p0, r0..r3 of p1], b1 = p2, p3; b2 = p4, p5; b3 = p6, p7. c* the same for rows 4–7.
            FloatVector b0 = quadLow.selectFrom(a01Low, a23Low);
            FloatVector b1 = quadHigh.selectFrom(a01Low, a23Low);
            FloatVector b2 = quadLow.selectFrom(a01High, a23High);
            FloatVector b3 = quadHigh.selectFrom(a01High, a23High);
            FloatVector c0 = quadLow.selectFrom(a45Low, a67Low);
            FloatVector c1 = quadHigh.selectFrom(a45Low, a67Low);
            FloatVector c2 = quadLow.selectFrom(a45High, a67High);
            FloatVector c3 = quadHigh.selectFrom(a45High, a67High);
            int to = d + p * dstStride;
            halfLow.selectFrom(b0, c0).intoArray(dst, to);
            halfHigh.selectFrom(b0, c0).intoArray(dst, to + dstStride);
            halfLow.selectFrom(b1, c1).intoArray(dst, to + 2 * dstStride);
            halfHigh.selectFrom(b1, c1).intoArray(dst, to + 3 * dstStride);
            halfLow.selectFrom(b2, c2).intoArray(dst, to + 4 * dstStride);
            halfHigh.selectFrom(b2, c2).intoArray(dst, to + 5 * dstStride);
            halfLow.selectFrom(b3, c3).intoArray(dst, to + 6 * dstStride);
            halfHigh.selectFrom(b3, c3).intoArray(dst, to + 7 * dstStride);
        }
        for (; p < count; p++) {
            int to = d + p * dstStride;
            for (int r = 0; r < 8; r++) dst[to + r] = src[s + r * srcStride + p];
        }
    }
}
