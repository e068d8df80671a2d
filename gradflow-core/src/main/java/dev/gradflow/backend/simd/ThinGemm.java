package dev.gradflow.backend.simd;

import dev.gradflow.backend.Parallelism;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C = Aᵀ·op(B) + β·C for a C with few columns (n ≤ 12) and A stored k×m: a weight gradient such as ∂W = Gᵀ·x of a
 * layer with few inputs (the seed model's first layer: 128×10 over k = 1000 rows). The packed path fills only 10 of
 * a tile's 16 or 32 columns there and packs A for nothing; here A is read in place — row p of A holds
 * op(A)[i, p] for consecutive i — two vectors of rows at a time, each multiplied by the 12 broadcast values
 * op(B)[p, j], in 24 accumulators that stay in registers over the whole of k:
 * acc[i, j] = fma(op(B)[p, j], A[p, i], acc[i, j]) for p = 0, 1, …, k − 1 in order; then
 * C = acc (β = 0) or C = fma(C, β, acc). op(B) is first copied to k×12 (zero columns past n).
 *
 * <p>Blocks of 32 rows are tasks on the worker pool; each element of C gets the same arithmetic whichever thread
 * computes it, so results do not depend on the thread count. The last, partial block reads a zero-padded copy of its
 * columns of A instead of A.
 */
final class ThinGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of C per block: two vectors. */
    static final int BLOCK = 2 * L;
    /** The most columns of C this kernel takes. */
    static final int MAX_COLUMNS = 12;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private ThinGemm() {}

    /** True when the product is one this kernel does better than the packed path. */
    static boolean suits(boolean aStoredTransposed, int m, int n, int k) {
        return aStoredTransposed && n >= 2 && n <= MAX_COLUMNS && m >= BLOCK && k >= 32;
    }

    /**
     * C[m×n] = Aᵀ·op(B) + β·C, A stored k×m at aOffset, op(B) k×n: stored k×n ({@code bTransposed} false) or n×k.
     */
    static void gemm(int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset, boolean bTransposed,
                     float beta, float[] c, int cOffset) {
        Scratch caller = SCRATCH.get();
        float[] packedB = caller.packedB(k * MAX_COLUMNS);
        Arrays.fill(packedB, 0, k * MAX_COLUMNS, 0f);
        if (bTransposed) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) packedB[p * MAX_COLUMNS + j] = b[bOffset + j * k + p];
            }
        } else {
            for (int p = 0; p < k; p++) System.arraycopy(b, bOffset + p * n, packedB, p * MAX_COLUMNS, n);
        }
        int blocks = (m + BLOCK - 1) / BLOCK;
        int threads = Parallelism.partsFor(2L * m * n * k, blocks);
        Parallelism.run(blocks, threads, block -> {
            Scratch own = SCRATCH.get();
            int i0 = block * BLOCK;
            int rows = Math.min(BLOCK, m - i0);
            if (rows == BLOCK) {
                kernel(a, aOffset + i0, m, packedB, k, own.tile);
            } else {
                float[] edge = own.edge(k * BLOCK);
                for (int p = 0; p < k; p++) {
                    System.arraycopy(a, aOffset + p * m + i0, edge, p * BLOCK, rows);
                    Arrays.fill(edge, p * BLOCK + rows, (p + 1) * BLOCK, 0f);
                }
                kernel(edge, 0, BLOCK, packedB, k, own.tile);
            }
            float[] tile = own.tile;
            for (int r = 0; r < rows; r++) {
                int out = cOffset + (i0 + r) * n;
                for (int j = 0; j < n; j++) {
                    float value = tile[j * BLOCK + r];
                    c[out + j] = beta == 0f ? value : Math.fma(c[out + j], beta, value);
                }
            }
        });
    }

    /**
     * tile[j·BLOCK + r] = Σ_p bp[p·12 + j]·ap[aBase + p·lda + r] for r &lt; BLOCK, j &lt; 12. Written out, free of
     * loops over accumulators, so that C2 keeps all 24 in registers.
     */
    private static void kernel(float[] ap, int aBase, int lda, float[] bp, int k, float[] tile) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero, c50 = zero, c51 = zero, c60 = zero, c61 = zero, c70 = zero, c71 = zero;
        FloatVector c80 = zero, c81 = zero, c90 = zero, c91 = zero, c100 = zero, c101 = zero, c110 = zero, c111 = zero;
        for (int p = 0; p < k; p++) {
            int ai = aBase + p * lda;
            int bi = p * MAX_COLUMNS;
            FloatVector a0 = FloatVector.fromArray(S, ap, ai);
            FloatVector a1 = FloatVector.fromArray(S, ap, ai + L);
            FloatVector b0 = FloatVector.broadcast(S, bp[bi + 0]);
            c00 = b0.fma(a0, c00);
            c01 = b0.fma(a1, c01);
            FloatVector b1 = FloatVector.broadcast(S, bp[bi + 1]);
            c10 = b1.fma(a0, c10);
            c11 = b1.fma(a1, c11);
            FloatVector b2 = FloatVector.broadcast(S, bp[bi + 2]);
            c20 = b2.fma(a0, c20);
            c21 = b2.fma(a1, c21);
            FloatVector b3 = FloatVector.broadcast(S, bp[bi + 3]);
            c30 = b3.fma(a0, c30);
            c31 = b3.fma(a1, c31);
            FloatVector b4 = FloatVector.broadcast(S, bp[bi + 4]);
            c40 = b4.fma(a0, c40);
            c41 = b4.fma(a1, c41);
            FloatVector b5 = FloatVector.broadcast(S, bp[bi + 5]);
            c50 = b5.fma(a0, c50);
            c51 = b5.fma(a1, c51);
            FloatVector b6 = FloatVector.broadcast(S, bp[bi + 6]);
            c60 = b6.fma(a0, c60);
            c61 = b6.fma(a1, c61);
            FloatVector b7 = FloatVector.broadcast(S, bp[bi + 7]);
            c70 = b7.fma(a0, c70);
            c71 = b7.fma(a1, c71);
            FloatVector b8 = FloatVector.broadcast(S, bp[bi + 8]);
            c80 = b8.fma(a0, c80);
            c81 = b8.fma(a1, c81);
            FloatVector b9 = FloatVector.broadcast(S, bp[bi + 9]);
            c90 = b9.fma(a0, c90);
            c91 = b9.fma(a1, c91);
            FloatVector b10 = FloatVector.broadcast(S, bp[bi + 10]);
            c100 = b10.fma(a0, c100);
            c101 = b10.fma(a1, c101);
            FloatVector b11 = FloatVector.broadcast(S, bp[bi + 11]);
            c110 = b11.fma(a0, c110);
            c111 = b11.fma(a1, c111);
        }
        c00.intoArray(tile, 0 * BLOCK);
        c01.intoArray(tile, 0 * BLOCK + L);
        c10.intoArray(tile, 1 * BLOCK);
        c11.intoArray(tile, 1 * BLOCK + L);
        c20.intoArray(tile, 2 * BLOCK);
        c21.intoArray(tile, 2 * BLOCK + L);
        c30.intoArray(tile, 3 * BLOCK);
        c31.intoArray(tile, 3 * BLOCK + L);
        c40.intoArray(tile, 4 * BLOCK);
        c41.intoArray(tile, 4 * BLOCK + L);
        c50.intoArray(tile, 5 * BLOCK);
        c51.intoArray(tile, 5 * BLOCK + L);
        c60.intoArray(tile, 6 * BLOCK);
        c61.intoArray(tile, 6 * BLOCK + L);
        c70.intoArray(tile, 7 * BLOCK);
        c71.intoArray(tile, 7 * BLOCK + L);
        c80.intoArray(tile, 8 * BLOCK);
        c81.intoArray(tile, 8 * BLOCK + L);
        c90.intoArray(tile, 9 * BLOCK);
        c91.intoArray(tile, 9 * BLOCK + L);
        c100.intoArray(tile, 10 * BLOCK);
        c101.intoArray(tile, 10 * BLOCK + L);
        c110.intoArray(tile, 11 * BLOCK);
        c111.intoArray(tile, 11 * BLOCK + L);
    }

    /** Per-thread buffers, grown on demand. */
    private static final class Scratch {
        final float[] tile = new float[MAX_COLUMNS * BLOCK];
        private float[] packedB = new float[0];
        private float[] edge = new float[0];

        float[] packedB(int size) {
            if (packedB.length < size) packedB = new float[size];
            return packedB;
        }

        float[] edge(int size) {
            if (edge.length < size) edge = new float[size];
            return edge;
        }
    }
}
