package dev.gradflow.backend.simd;

import dev.gradflow.backend.Parallelism;
import dev.gradflow.backend.Transpose;
import java.util.Arrays;

/**
 * C = op(A)·op(B) + β·C by the Goto/BLIS blocking: for each block of NC columns and each block of KC of the
 * inner dimension, a KC×NC slice of op(B) is packed (it stays in L2/L3), then for each block of MC rows a MC×KC
 * slice of op(A) is packed (it stays in L2), and the micro-kernels sweep MR×NR tiles of C (see
 * {@link GemmMicroKernels}). Packing reads A and B as stored, so all four transposition cases cost the same.
 *
 * <p>Products with enough FLOPs to pay for waking a thread ({@link Parallelism#partsFor}) run as BLIS does: for each
 * K block, the threads first pack all panels of both operands into shared buffers, then sweep C in tasks of
 * (row block × column-panel group) that they claim from a counter, so an unscheduled thread slows nothing down.
 * Every element of C gets the same arithmetic (same K blocks, same kernel) whichever thread or task computes it,
 * so the result is bit-identical for any thread count. A product with a single row or column goes to
 * {@link MatrixVector}, one of A stored transposed with few columns of C (a weight gradient of a narrow layer) to
 * {@link ThinGemm}, one of more than {@link #LARGE_PRODUCT_FLOPS} to {@link LargeGemm} (same K blocks and kernels,
 * so the same bits, in an order that keeps C in L2).
 */
final class SimdGemm {
    /** Inner-dimension block: one MR×KC panel of A and one KC×NR panel of B stay in L1. */
    static final int KC = 256;
    /** Row block: a packed MC×KC slice of A (128 KB) stays in L2. */
    static final int MC = 128;
    /** Column block: a packed KC×NC slice of B (2 MB). */
    static final int NC = 2048;

    /**
     * Products of more FLOPs than this (2·m·n·k) take {@link LargeGemm}'s blocking, the others this class's. The
     * large-product blocking keeps a row block's slice of C in L2 across the K blocks, which square products from
     * n = 1024 need to reach 90% of OpenBLAS on one thread; but measured on the training workloads, whose products are
     * 2.6–51 MFLOP (128×784×256, 256×256×256, 1000×128×64), it made them slower (deep50 43.7–44.0 against
     * 38.1–39.1 ms a step, seed_sgd +9%: README, Speed). 128 MiFLOP (134 MFLOP) lies between: 2.6× the largest training
     * product, half of a square n = 512 (268 MFLOP).
     */
    static final long LARGE_PRODUCT_FLOPS = 1L << 27;

    private static volatile long largeProductFlops = LARGE_PRODUCT_FLOPS;

    private static final int MR = GemmMicroKernels.MR;
    private static final int NR = GemmMicroKernels.NR;

    private SimdGemm() {}

    static void gemm(Transpose transA, Transpose transB, int m, int n, int k,
                     float[] a, int aOffset, float[] b, int bOffset, float beta, float[] c, int cOffset) {
        checkBounds(m, n, k, a, aOffset, b, bOffset, c, cOffset);
        if (m == 0 || n == 0) return;
        if (k == 0) {
            scaleC(m * n, beta, c, cOffset);
        } else if (m == 1) {
            // op(A) is one row: its k values are contiguous however A is stored.
            if (transB == Transpose.NO) MatrixVector.combineRows(a, aOffset, b, bOffset, k, n, c, cOffset, beta);
            else MatrixVector.dotRows(b, bOffset, n, k, a, aOffset, c, cOffset, beta);
        } else if (n == 1) {
            // op(B) is one column: its k values are contiguous however B is stored.
            if (transA == Transpose.NO) MatrixVector.dotRows(a, aOffset, m, k, b, bOffset, c, cOffset, beta);
            else MatrixVector.combineRows(b, bOffset, a, aOffset, k, m, c, cOffset, beta);
        } else if (ThinGemm.suits(transA == Transpose.YES, m, n, k)) {
            ThinGemm.gemm(m, n, k, a, aOffset, b, bOffset, transB == Transpose.YES, beta, c, cOffset);
        } else {
            int kcStep = ceilDiv(k, ceilDiv(k, KC));
            if (2L * m * n * k > largeProductFlops) {
                LargeGemm.gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, beta, c, cOffset, kcStep);
            } else {
                blockedInParallel(transA, transB, m, n, k, a, aOffset, b, bOffset, beta, c, cOffset, kcStep);
            }
        }
    }

    /**
     * Sets the size above which products take {@link LargeGemm}'s blocking; for tests, which lower it so that small
     * products take that path. Results do not depend on it (both blockings give the same bits), only speed.
     */
    static void setLargeProductFlops(long flops) {
        if (flops < 0) throw new IllegalArgumentException("gemm: the large-product size must be >= 0 FLOPs, got " + flops);
        largeProductFlops = flops;
    }

    private static void blockedInParallel(Transpose transA, Transpose transB, int m, int n, int k, float[] a, int aOffset,
                                          float[] b, int bOffset, float beta, float[] c, int cOffset, int kcStep) {
        int kBlocks = ceilDiv(k, kcStep);
        int rowPanels = ceilDiv(m, MR);
        int threads = threadsFor(m, n, k);
        if (threads == 1) {
            blocked(transA, transB, m, n, k, a, aOffset, b, bOffset, beta, c, cOffset, kcStep);
            return;
        }
        // Small operands are packed for all K blocks at once, so the product takes two hand-offs to the workers
        // (pack, multiply) instead of two per K block; large ones are packed one K block at a time.
        int blockA = rowPanels * MR * kcStep;
        int blockB = roundUp(Math.min(NC, n), NR) * kcStep;
        int blocksPerRound = (long) kBlocks * (blockA + blockB) <= SHARED_PACK_LIMIT ? kBlocks : 1;
        // The caller owns the shared packed operands for the duration of this call; workers fill and read them.
        GemmWorkspace shared = GemmWorkspace.shared();
        float[] packedA = shared.packedA(blocksPerRound * blockA);
        float[] packedB = shared.packedB(blocksPerRound * blockB);
        Round round = new Round(transA, transB, m, n, k, a, aOffset, b, bOffset, beta, c, cOffset, kcStep,
                blockA, blockB, packedA, packedB, threads);
        for (int jc = 0; jc < n; jc += NC) {
            for (int kb = 0; kb < kBlocks; kb += blocksPerRound) {
                round.pack(jc, kb, Math.min(kBlocks, kb + blocksPerRound));
                round.multiply(jc, kb, Math.min(kBlocks, kb + blocksPerRound));
            }
        }
    }

    /**
     * Products at least this large in every dimension split from a quarter of the usual work per extra thread
     * ({@link Parallelism#minFlopsPerExtraThread()}, 16 MiFLOP by default): a 256×256×256 product (33.5 MFLOP, every
     * layer of {@code deep20}/{@code deep50}) then runs on two threads. Measured on the 2-vCPU machine (README,
     * Speed): square n = 256 on two threads 220–243 GFLOP/s split against 165 not, {@code deep20} / {@code deep50} on
     * two threads 14.3 / 38.7 ms a step against 15.7 / 40.2; while {@code mnist_adam}, whose 51 MFLOP products have a
     * 128-row side (the batch), ran 13–38% slower when those split too — hence the rule on the smallest dimension.
     */
    static final int THICK_PRODUCT_MIN_DIMENSION = 256;

    /** How many threads the packed path gives an m×k by k×n product (see {@link #THICK_PRODUCT_MIN_DIMENSION}). */
    static int threadsFor(int m, int n, int k) {
        long flops = 2L * m * n * k;
        int maxParts = ceilDiv(m, MR) * ceilDiv(n, NR);
        boolean thick = Math.min(m, Math.min(n, k)) >= THICK_PRODUCT_MIN_DIMENSION;
        long perExtraThread = Parallelism.minFlopsPerExtraThread();
        return Parallelism.partsFor(flops, maxParts, thick ? perExtraThread / 4 : perExtraThread);
    }

    /** Floats of packed A and B (all K blocks) below which a parallel product packs everything in one round. */
    private static final int SHARED_PACK_LIMIT = 1 << 20;

    /**
     * One parallel product's shared state: the operands, the packed buffers (K block kb of A at {@code kb·blockA},
     * of B at {@code kb·blockB}, counted from the round's first block) and the thread count.
     */
    private record Round(Transpose transA, Transpose transB, int m, int n, int k, float[] a, int aOffset,
                         float[] b, int bOffset, float beta, float[] c, int cOffset, int kcStep,
                         int blockA, int blockB, float[] packedA, float[] packedB, int threads) {

        /** Packs K blocks [kbFirst, kbEnd) of op(A) and of op(B)[:, jc:jc+NC], in panel ranges threads claim. */
        void pack(int jc, int kbFirst, int kbEnd) {
            int nc = Math.min(NC, n - jc);
            int rowPanels = ceilDiv(m, MR);
            int colPanels = ceilDiv(nc, NR);
            int aTasks = Math.min(rowPanels, 2 * threads);
            int bTasks = Math.min(colPanels, 2 * threads);
            int perBlock = aTasks + bTasks;
            Parallelism.run((kbEnd - kbFirst) * perBlock, threads, task -> {
                int slot = task / perBlock;
                int part = task % perBlock;
                int pc = (kbFirst + slot) * kcStep;
                int kc = Math.min(kcStep, k - pc);
                if (part < aTasks) {
                    int first = rowPanels * part / aTasks;
                    int last = rowPanels * (part + 1) / aTasks;
                    int rowStart = first * MR;
                    GemmPacking.packA(transA, a, aOffset, m, k, rowStart, Math.min(m, last * MR) - rowStart, pc, kc,
                            packedA, slot * blockA + rowStart * kc);
                } else {
                    int first = colPanels * (part - aTasks) / bTasks;
                    int last = colPanels * (part - aTasks + 1) / bTasks;
                    int colStart = first * NR;
                    GemmPacking.packB(transB, b, bOffset, n, k, pc, kc, jc + colStart, Math.min(nc, last * NR) - colStart,
                            packedB, slot * blockB + colStart * kc);
                }
            });
        }

        /**
         * Sweeps the tiles of C[:, jc:jc+NC] over K blocks [kbFirst, kbEnd), in tasks of (a block of at most MC
         * rows) × (a group of column panels), about three per thread, so that a thread the operating system does not
         * schedule leaves little behind. Within a task the K blocks run in order, as on one thread.
         */
        void multiply(int jc, int kbFirst, int kbEnd) {
            int nc = Math.min(NC, n - jc);
            int rowPanels = ceilDiv(m, MR);
            int colPanels = ceilDiv(nc, NR);
            int wanted = 3 * threads;
            int panelsPerRowBlock = Math.max(1, Math.min(MC / MR, ceilDiv(rowPanels, wanted)));
            int rowBlocks = ceilDiv(rowPanels, panelsPerRowBlock);
            int colGroups = Math.min(colPanels, ceilDiv(wanted, rowBlocks));
            Parallelism.run(rowBlocks * colGroups, threads, task -> {
                int firstRowPanel = task / colGroups * panelsPerRowBlock;
                int lastRowPanel = Math.min(rowPanels, firstRowPanel + panelsPerRowBlock);
                int colGroup = task % colGroups;
                int firstColPanel = colPanels * colGroup / colGroups;
                int lastColPanel = colPanels * (colGroup + 1) / colGroups;
                float[] tile = GemmWorkspace.own().tile;
                for (int kb = kbFirst; kb < kbEnd; kb++) {
                    int pc = kb * kcStep;
                    int kc = Math.min(kcStep, k - pc);
                    float blockBeta = pc == 0 ? beta : 1f;
                    int aBlock = (kb - kbFirst) * blockA;
                    int bBlock = (kb - kbFirst) * blockB;
                    for (int q = firstColPanel; q < lastColPanel; q++) {
                        int jr = q * NR;
                        int cols = Math.min(NR, nc - jr);
                        for (int r = firstRowPanel; r < lastRowPanel; r++) {
                            int ir = r * MR;
                            kernel(packedA, aBlock + ir * kc, packedB, bBlock + jr * kc, kc, c, cOffset + ir * n + jc + jr,
                                    n, blockBeta, Math.min(MR, m - ir), cols, tile);
                        }
                    }
                }
            });
        }
    }

    /** The whole product on the calling thread, with its own packing buffers. */
    private static void blocked(Transpose transA, Transpose transB, int m, int n, int k,
                                float[] a, int aOffset, float[] b, int bOffset, float beta, float[] c, int cOffset, int kcStep) {
        GemmWorkspace ws = GemmWorkspace.own();
        float[] packedA = ws.packedA(roundUp(Math.min(MC, m), MR) * kcStep);
        float[] packedB = ws.packedB(roundUp(Math.min(NC, n), NR) * kcStep);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                float blockBeta = pc == 0 ? beta : 1f;
                GemmPacking.packB(transB, b, bOffset, n, k, pc, kc, jc, nc, packedB, 0);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    GemmPacking.packA(transA, a, aOffset, m, k, ic, mc, pc, kc, packedA, 0);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int cols = Math.min(NR, nc - jr);
                        int bBase = jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir);
                            int cIndex = cOffset + (ic + ir) * n + jc + jr;
                            kernel(packedA, ir * kc, packedB, bBase, kc, c, cIndex, n, blockBeta, rows, cols, ws.tile);
                        }
                    }
                }
            }
        }
    }

    /** One tile: straight into C when it is a full MR×NR or MR×HALF tile, else through the scratch tile. */
    static void kernel(float[] packedA, int aBase, float[] packedB, int bBase, int kc,
                               float[] c, int cIndex, int ldc, float beta, int rows, int cols, float[] tile) {
        if (rows == MR && cols == NR) {
            GemmMicroKernels.kernelFull(packedA, aBase, packedB, bBase, kc, c, cIndex, ldc, beta);
        } else if (rows == MR && cols == GemmMicroKernels.HALF) {
            GemmMicroKernels.kernelHalf(packedA, aBase, packedB, bBase, kc, c, cIndex, ldc, beta);
        } else {
            if (cols <= GemmMicroKernels.HALF) {
                GemmMicroKernels.kernelHalf(packedA, aBase, packedB, bBase, kc, tile, 0, NR, 0f);
            } else {
                GemmMicroKernels.kernelFull(packedA, aBase, packedB, bBase, kc, tile, 0, NR, 0f);
            }
            GemmMicroKernels.mergeEdge(tile, c, cIndex, ldc, beta, rows, cols);
        }
    }

    private static void scaleC(int size, float beta, float[] c, int cOffset) {
        if (beta == 0f) {
            Arrays.fill(c, cOffset, cOffset + size, 0f);
        } else if (beta != 1f) {
            for (int i = cOffset; i < cOffset + size; i++) c[i] *= beta;
        }
    }

    private static void checkBounds(int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
                                    float[] c, int cOffset) {
        if (m < 0 || n < 0 || k < 0 || aOffset < 0 || bOffset < 0 || cOffset < 0
                || (long) aOffset + (long) m * k > a.length || (long) bOffset + (long) k * n > b.length
                || (long) cOffset + (long) m * n > c.length) {
            throw new IllegalArgumentException("gemm: m=" + m + ", n=" + n + ", k=" + k + " with offsets a=" + aOffset
                    + ", b=" + bOffset + ", c=" + cOffset + " does not fit arrays of length a=" + a.length
                    + ", b=" + b.length + ", c=" + c.length);
        }
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }
}
