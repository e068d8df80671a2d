package dev.gradflow.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposes rows of a row-major matrix into the interleaved slices GEMM packing needs when an operand is stored the
 * other way round: dst[d + p·dstStride + r] = src[s + r·srcStride + p].
 *
 * <p>In registers, by rounds of two-vector permutes ({@code selectFrom}, one instruction each on AVX-512): each round
 * interleaves blocks of 1, 2, 4, … rows of two vectors, so that after log₂(rows) rounds each vector holds whole
 * columns. Only vectors of the preferred shape are used (16 lanes with AVX-512, 8 with AVX2): a second shape in the
 * JVM puts two vector classes into the type profiles of the API's shared methods, and C2 then may leave one class's
 * operations in other kernels as calls (README, Speed). So with 16 lanes {@link #eightRows} takes 16 p at a time and
 * stores the slices of two consecutive p together (the A panels' layout, dstStride 8), and {@link #sixteenRows}
 * transposes 16×16 blocks (two B-panel groups at once); with 8 lanes {@link #eightRows} transposes 8×8 blocks into any
 * stride. Other shapes and strides, and the last p (fewer than a block), are copied one float at a time.
 */
final class RowTranspose {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    // Permute indices of each round (below L from the first vector, from L on from the second): see interleave.
    private static final float[] R1_LOW_INDEX = interleave(1, false), R1_HIGH_INDEX = interleave(1, true);
    private static final float[] R2_LOW_INDEX = interleave(2, false), R2_HIGH_INDEX = interleave(2, true);
    private static final float[] R3_LOW_INDEX = interleave(4, false), R3_HIGH_INDEX = interleave(4, true);
    private static final float[] R4_LOW_INDEX = interleave(8, false), R4_HIGH_INDEX = interleave(8, true);

    private RowTranspose() {}

    /**
     * The indices that take blocks of {@code block} lanes alternately from two vectors — block j of the first, then
     * block j of the second — for the first half of the blocks, or the second half when {@code high}. With L = 8,
     * block 1 gives 0, 8, 1, 9, 2, 10, 3, 11 (rows r and r + 1 side by side for p 0–3), block 2 gives
     * 0, 1, 8, 9, 2, 3, 10, 11. All zero for a block this species' rounds do not use.
     */
    static float[] interleave(int block, boolean high) {
        float[] index = new float[L];
        int blocks = L / block;
        if (blocks < 2) return index;
        int out = 0;
        for (int j = high ? blocks / 2 : 0; j < (high ? blocks : blocks / 2); j++) {
            for (int t = 0; t < block; t++) index[out++] = j * block + t;
            for (int t = 0; t < block; t++) index[out++] = L + j * block + t;
        }
        return index;
    }

    /** Eight rows: dst[d + p·dstStride + r] = src[s + r·srcStride + p] for r &lt; 8, p &lt; count. */
    static void eightRows(float[] src, int s, int srcStride, int count, float[] dst, int d, int dstStride) {
        int p = 0;
        if (L == 16 && dstStride == 8) {
            p = eightRowsSixteenLanes(src, s, srcStride, count, dst, d);
        } else if (L == 8) {
            p = eightRowsEightLanes(src, s, srcStride, count, dst, d, dstStride);
        }
        for (; p < count; p++) {
            int to = d + p * dstStride;
            for (int r = 0; r < 8; r++) dst[to + r] = src[s + r * srcStride + p];
        }
    }

    /** Sixteen rows: dst[d + p·dstStride + r] = src[s + r·srcStride + p] for r &lt; 16, p &lt; count. */
    static void sixteenRows(float[] src, int s, int srcStride, int count, float[] dst, int d, int dstStride) {
        int p = L == 16 ? sixteenRowsSixteenLanes(src, s, srcStride, count, dst, d, dstStride) : 0;
        for (; p < count; p++) {
            int to = d + p * dstStride;
            for (int r = 0; r < 16; r++) dst[to + r] = src[s + r * srcStride + p];
        }
    }

    /** Blocks of 8 rows × 16 p with 16 lanes, slices stored contiguously (dstStride 8); returns the p reached. */
    private static int eightRowsSixteenLanes(float[] src, int s, int srcStride, int count, float[] dst, int d) {
        FloatVector round1Low = FloatVector.fromArray(S, R1_LOW_INDEX, 0), round1High = FloatVector.fromArray(S, R1_HIGH_INDEX, 0);
        FloatVector round2Low = FloatVector.fromArray(S, R2_LOW_INDEX, 0), round2High = FloatVector.fromArray(S, R2_HIGH_INDEX, 0);
        FloatVector round3Low = FloatVector.fromArray(S, R3_LOW_INDEX, 0), round3High = FloatVector.fromArray(S, R3_HIGH_INDEX, 0);
        int p = 0;
        for (; p + 16 <= count; p += 16) {
            int at = s + p;
            FloatVector r0 = FloatVector.fromArray(S, src, at);
            FloatVector r1 = FloatVector.fromArray(S, src, at + 1 * srcStride);
            FloatVector r2 = FloatVector.fromArray(S, src, at + 2 * srcStride);
            FloatVector r3 = FloatVector.fromArray(S, src, at + 3 * srcStride);
            FloatVector r4 = FloatVector.fromArray(S, src, at + 4 * srcStride);
            FloatVector r5 = FloatVector.fromArray(S, src, at + 5 * srcStride);
            FloatVector r6 = FloatVector.fromArray(S, src, at + 6 * srcStride);
            FloatVector r7 = FloatVector.fromArray(S, src, at + 7 * srcStride);
            // Round 1: rows 2m and 2m+1 interleaved, p 0-7 (low) and p 8-15 (high).
            FloatVector a0l = round1Low.selectFrom(r0, r1);
            FloatVector a0h = round1High.selectFrom(r0, r1);
            FloatVector a1l = round1Low.selectFrom(r2, r3);
            FloatVector a1h = round1High.selectFrom(r2, r3);
            FloatVector a2l = round1Low.selectFrom(r4, r5);
            FloatVector a2h = round1High.selectFrom(r4, r5);
            FloatVector a3l = round1Low.selectFrom(r6, r7);
            FloatVector a3h = round1High.selectFrom(r6, r7);
            // Round 2: four rows together; b0-b3 p 0-3, 4-7, 8-11, 12-15 of rows 0-3, c0-c3 of rows 4-7.
            FloatVector b0 = round2Low.selectFrom(a0l, a1l);
            FloatVector b1 = round2High.selectFrom(a0l, a1l);
            FloatVector b2 = round2Low.selectFrom(a0h, a1h);
            FloatVector b3 = round2High.selectFrom(a0h, a1h);
            FloatVector c0 = round2Low.selectFrom(a2l, a3l);
            FloatVector c1 = round2High.selectFrom(a2l, a3l);
            FloatVector c2 = round2Low.selectFrom(a2h, a3h);
            FloatVector c3 = round2High.selectFrom(a2h, a3h);
            // Round 3: all eight rows; each vector holds the slices of two consecutive p, stored together.
            int to = d + p * 8;
            round3Low.selectFrom(b0, c0).intoArray(dst, to);
            round3High.selectFrom(b0, c0).intoArray(dst, to + 16);
            round3Low.selectFrom(b1, c1).intoArray(dst, to + 32);
            round3High.selectFrom(b1, c1).intoArray(dst, to + 48);
            round3Low.selectFrom(b2, c2).intoArray(dst, to + 64);
            round3High.selectFrom(b2, c2).intoArray(dst, to + 80);
            round3Low.selectFrom(b3, c3).intoArray(dst, to + 96);
            round3High.selectFrom(b3, c3).intoArray(dst, to + 112);
        }
        return p;
    }

    /** Blocks of 16 rows × 16 p with 16 lanes, one 16-float slice per p; returns the p reached. */
    private static int sixteenRowsSixteenLanes(float[] src, int s, int srcStride, int count, float[] dst, int d, int dstStride) {
        FloatVector round1Low = FloatVector.fromArray(S, R1_LOW_INDEX, 0), round1High = FloatVector.fromArray(S, R1_HIGH_INDEX, 0);
        FloatVector round2Low = FloatVector.fromArray(S, R2_LOW_INDEX, 0), round2High = FloatVector.fromArray(S, R2_HIGH_INDEX, 0);
        FloatVector round3Low = FloatVector.fromArray(S, R3_LOW_INDEX, 0), round3High = FloatVector.fromArray(S, R3_HIGH_INDEX, 0);
        FloatVector round4Low = FloatVector.fromArray(S, R4_LOW_INDEX, 0), round4High = FloatVector.fromArray(S, R4_HIGH_INDEX, 0);
        int p = 0;
        for (; p + 16 <= count; p += 16) {
            int at = s + p;
            FloatVector r0 = FloatVector.fromArray(S, src, at);
            FloatVector r1 = FloatVector.fromArray(S, src, at + 1 * srcStride);
            FloatVector r2 = FloatVector.fromArray(S, src, at + 2 * srcStride);
            FloatVector r3 = FloatVector.fromArray(S, src, at + 3 * srcStride);
            FloatVector r4 = FloatVector.fromArray(S, src, at + 4 * srcStride);
            FloatVector r5 = FloatVector.fromArray(S, src, at + 5 * srcStride);
            FloatVector r6 = FloatVector.fromArray(S, src, at + 6 * srcStride);
            FloatVector r7 = FloatVector.fromArray(S, src, at + 7 * srcStride);
            FloatVector r8 = FloatVector.fromArray(S, src, at + 8 * srcStride);
            FloatVector r9 = FloatVector.fromArray(S, src, at + 9 * srcStride);
            FloatVector r10 = FloatVector.fromArray(S, src, at + 10 * srcStride);
            FloatVector r11 = FloatVector.fromArray(S, src, at + 11 * srcStride);
            FloatVector r12 = FloatVector.fromArray(S, src, at + 12 * srcStride);
            FloatVector r13 = FloatVector.fromArray(S, src, at + 13 * srcStride);
            FloatVector r14 = FloatVector.fromArray(S, src, at + 14 * srcStride);
            FloatVector r15 = FloatVector.fromArray(S, src, at + 15 * srcStride);
            // Round 1: rows 2m and 2m+1 interleaved; a{m}l holds p 0-7, a{m}h p 8-15.
            FloatVector a0l = round1Low.selectFrom(r0, r1);
            FloatVector a0h = round1High.selectFrom(r0, r1);
            FloatVector a1l = round1Low.selectFrom(r2, r3);
            FloatVector a1h = round1High.selectFrom(r2, r3);
            FloatVector a2l = round1Low.selectFrom(r4, r5);
            FloatVector a2h = round1High.selectFrom(r4, r5);
            FloatVector a3l = round1Low.selectFrom(r6, r7);
            FloatVector a3h = round1High.selectFrom(r6, r7);
            FloatVector a4l = round1Low.selectFrom(r8, r9);
            FloatVector a4h = round1High.selectFrom(r8, r9);
            FloatVector a5l = round1Low.selectFrom(r10, r11);
            FloatVector a5h = round1High.selectFrom(r10, r11);
            FloatVector a6l = round1Low.selectFrom(r12, r13);
            FloatVector a6h = round1High.selectFrom(r12, r13);
            FloatVector a7l = round1Low.selectFrom(r14, r15);
            FloatVector a7h = round1High.selectFrom(r14, r15);
            // Round 2: rows 4q..4q+3 together; b{q}{k} holds p 4k..4k+3.
            FloatVector b00 = round2Low.selectFrom(a0l, a1l);
            FloatVector b01 = round2High.selectFrom(a0l, a1l);
            FloatVector b02 = round2Low.selectFrom(a0h, a1h);
            FloatVector b03 = round2High.selectFrom(a0h, a1h);
            FloatVector b10 = round2Low.selectFrom(a2l, a3l);
            FloatVector b11 = round2High.selectFrom(a2l, a3l);
            FloatVector b12 = round2Low.selectFrom(a2h, a3h);
            FloatVector b13 = round2High.selectFrom(a2h, a3h);
            FloatVector b20 = round2Low.selectFrom(a4l, a5l);
            FloatVector b21 = round2High.selectFrom(a4l, a5l);
            FloatVector b22 = round2Low.selectFrom(a4h, a5h);
            FloatVector b23 = round2High.selectFrom(a4h, a5h);
            FloatVector b30 = round2Low.selectFrom(a6l, a7l);
            FloatVector b31 = round2High.selectFrom(a6l, a7l);
            FloatVector b32 = round2Low.selectFrom(a6h, a7h);
            FloatVector b33 = round2High.selectFrom(a6h, a7h);
            // Round 3: rows 8o..8o+7 together; c{o}{j} holds p 2j, 2j+1.
            FloatVector c00 = round3Low.selectFrom(b00, b10);
            FloatVector c01 = round3High.selectFrom(b00, b10);
            FloatVector c02 = round3Low.selectFrom(b01, b11);
            FloatVector c03 = round3High.selectFrom(b01, b11);
            FloatVector c04 = round3Low.selectFrom(b02, b12);
            FloatVector c05 = round3High.selectFrom(b02, b12);
            FloatVector c06 = round3Low.selectFrom(b03, b13);
            FloatVector c07 = round3High.selectFrom(b03, b13);
            FloatVector c10 = round3Low.selectFrom(b20, b30);
            FloatVector c11 = round3High.selectFrom(b20, b30);
            FloatVector c12 = round3Low.selectFrom(b21, b31);
            FloatVector c13 = round3High.selectFrom(b21, b31);
            FloatVector c14 = round3Low.selectFrom(b22, b32);
            FloatVector c15 = round3High.selectFrom(b22, b32);
            FloatVector c16 = round3Low.selectFrom(b23, b33);
            FloatVector c17 = round3High.selectFrom(b23, b33);
            // Round 4: all sixteen rows; one vector per p, stored as that p's slice.
            int to = d + p * dstStride;
            round4Low.selectFrom(c00, c10).intoArray(dst, to);
            round4High.selectFrom(c00, c10).intoArray(dst, to + 1 * dstStride);
            round4Low.selectFrom(c01, c11).intoArray(dst, to + 2 * dstStride);
            round4High.selectFrom(c01, c11).intoArray(dst, to + 3 * dstStride);
            round4Low.selectFrom(c02, c12).intoArray(dst, to + 4 * dstStride);
            round4High.selectFrom(c02, c12).intoArray(dst, to + 5 * dstStride);
            round4Low.selectFrom(c03, c13).intoArray(dst, to + 6 * dstStride);
            round4High.selectFrom(c03, c13).intoArray(dst, to + 7 * dstStride);
            round4Low.selectFrom(c04, c14).intoArray(dst, to + 8 * dstStride);
            round4High.selectFrom(c04, c14).intoArray(dst, to + 9 * dstStride);
            round4Low.selectFrom(c05, c15).intoArray(dst, to + 10 * dstStride);
            round4High.selectFrom(c05, c15).intoArray(dst, to + 11 * dstStride);
            round4Low.selectFrom(c06, c16).intoArray(dst, to + 12 * dstStride);
            round4High.selectFrom(c06, c16).intoArray(dst, to + 13 * dstStride);
            round4Low.selectFrom(c07, c17).intoArray(dst, to + 14 * dstStride);
            round4High.selectFrom(c07, c17).intoArray(dst, to + 15 * dstStride);
        }
        return p;
    }

    /** Blocks of 8×8 with 8 lanes into any stride; returns the p reached. */
    private static int eightRowsEightLanes(float[] src, int s, int srcStride, int count, float[] dst, int d, int dstStride) {
        FloatVector pairLow = FloatVector.fromArray(S, R1_LOW_INDEX, 0);
        FloatVector pairHigh = FloatVector.fromArray(S, R1_HIGH_INDEX, 0);
        FloatVector quadLow = FloatVector.fromArray(S, R2_LOW_INDEX, 0);
        FloatVector quadHigh = FloatVector.fromArray(S, R2_HIGH_INDEX, 0);
        FloatVector halfLow = FloatVector.fromArray(S, R3_LOW_INDEX, 0);
        FloatVector halfHigh = FloatVector.fromArray(S, R3_HIGH_INDEX, 0);
        int p = 0;
        for (; p + 8 <= count; p += 8) {
            int at = s + p;
            FloatVector r0 = FloatVector.fromArray(S, src, at);
            FloatVector r1 = FloatVector.fromArray(S, src, at + srcStride);
            FloatVector r2 = FloatVector.fromArray(S, src, at + 2 * srcStride);
            FloatVector r3 = FloatVector.fromArray(S, src, at + 3 * srcStride);
            FloatVector r4 = FloatVector.fromArray(S, src, at + 4 * srcStride);
            FloatVector r5 = FloatVector.fromArray(S, src, at + 5 * srcStride);
            FloatVector r6 = FloatVector.fromArray(S, src, at + 6 * srcStride);
            FloatVector r7 = FloatVector.fromArray(S, src, at + 7 * srcStride);
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
        return p;
    }
}
