package dev.gradflow.backend.simd;

import dev.gradflow.backend.Parallelism;
import dev.gradflow.backend.Transpose;

/**
 * The blocking for large products (chosen by {@link SimdGemm#gemm}): for each block of NC columns, op(B)'s KC×NC
 * slices are packed for all K blocks (they stay in L2/L3); then C is swept in row blocks of MC rows, each over all K
 * blocks in order: the block's MC×KC slice of op(A) is packed (it stays in L2) and the micro-kernels sweep its MR×NR
 * tiles column panel by column panel (a KC×NR micro-panel of B stays in L1). A row block's slice of C (MC×NC,
 * 256 KB) thus stays in L2 across the K blocks instead of every K block sweeping all of C, as {@link SimdGemm}'s
 * blocking for smaller products does.
 *
 * <p>The K blocks ({@code kcStep}, from {@link SimdGemm}) and the kernel per tile ({@link SimdGemm#kernel}) are the
 * same as in the smaller products' blocking, so every element of C gets the same arithmetic in the same order: the
 * result is bit-identical to that blocking's, and to itself on any thread count. With several threads, when the
 * column blocks divide evenly among them, each column block is one task, claimed from a counter and run as on one
 * thread with the thread's own packed op(B): one hand-off for the whole product. Otherwise a column block takes two
 * hand-offs: the threads pack op(B) into a shared buffer, then claim the row-block tasks from a counter (each packing
 * its own slices of op(A)), so an unscheduled thread slows nothing down.
 */
final class LargeGemm {
    /** Row block: a packed MC×KC slice of A (128 KB) stays in L2 (1 MB). */
    static final int MC = 128;
    /**
     * Column block: a packed KC×NC slice of B (512 KB) and a row block's MC×NC slice of C (256 KB) fit in L2 beside
     * the slice of A (measured against 256, 384, 1024 and 2048 on the gemm branch: README, Speed).
     */
    static final int NC = 512;

    private static final int MR = GemmMicroKernels.MR;
    private static final int NR = GemmMicroKernels.NR;
    /** A calling thread's product state, reused from call to call. */
    private static final ThreadLocal<Product> PRODUCT = ThreadLocal.withInitial(Product::new);

    private LargeGemm() {}

    /**
     * C = op(A)·op(B) + β·C with K blocks of {@code kcStep} (the last one shorter). One thread runs the same tasks
     * in order, with no hand-off.
     */
    static void gemm(Transpose transA, Transpose transB, int m, int n, int k, float[] a, int aOffset,
                     float[] b, int bOffset, float beta, float[] c, int cOffset, int kcStep) {
        int kBlocks = SimdGemm.ceilDiv(k, kcStep);
        int rowPanels = SimdGemm.ceilDiv(m, MR);
        int threads = Parallelism.partsFor(2L * m * n * k, rowPanels * SimdGemm.ceilDiv(n, NR));
        int blockB = SimdGemm.roundUp(Math.min(NC, n), NR) * kcStep;
        int colBlocks = SimdGemm.ceilDiv(n, NC);
        Product product = PRODUCT.get().set(transA, transB, m, n, k, a, aOffset, b, bOffset, beta, c, cOffset, kcStep,
                kBlocks, blockB, threads);
        if (threads == 1) {
            float[] packedB = GemmWorkspace.own().packedB(kBlocks * blockB);
            for (int jc = 0; jc < n; jc += NC) product.columnBlock(jc, Math.min(NC, n - jc), packedB);
        } else if (colBlocks % threads == 0) {
            // As many column blocks for each thread: each is a task, run on one thread with its own packed op(B), so
            // the product takes one hand-off instead of two per column block (measured faster: README, Speed).
            Parallelism.run(colBlocks, threads, block -> product.columnBlock(block * NC, Math.min(NC, n - block * NC),
                    GemmWorkspace.own().packedB(blockB * kBlocks)));
        } else {
            // Packed op(B) is the caller's for the duration of this call; workers help fill it and read it.
            product.packedB = GemmWorkspace.shared().packedB(kBlocks * blockB);
            for (int jc = 0; jc < n; jc += NC) {
                int nc = Math.min(NC, n - jc);
                product.packBInParallel(jc, nc);
                product.sweepInParallel(jc, nc);
            }
        }
        product.release();
    }

    /**
     * One product's operands and shared state: op(B)[:, jc:jc+NC] packed for all K blocks, K block kb at
     * {@code kb·blockB}; op(A) is packed by each task into its thread's own buffer, one row block and K block at a
     * time. Fields rather than a record per call, so that a product allocates nothing on one thread; the workers see
     * them through the pool's hand-off.
     */
    private static final class Product {
        private Transpose transA;
        private Transpose transB;
        private int m;
        private int n;
        private int k;
        private float[] a;
        private int aOffset;
        private float[] b;
        private int bOffset;
        private float beta;
        private float[] c;
        private int cOffset;
        private int kcStep;
        private int kBlocks;
        private int blockB;
        /** op(B)'s column block packed by all threads, when they share it ({@link #packBInParallel}). */
        private float[] packedB;
        private int threads;

        Product set(Transpose transA, Transpose transB, int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
                    float beta, float[] c, int cOffset, int kcStep, int kBlocks, int blockB, int threads) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.aOffset = aOffset;
            this.b = b;
            this.bOffset = bOffset;
            this.beta = beta;
            this.c = c;
            this.cOffset = cOffset;
            this.kcStep = kcStep;
            this.kBlocks = kBlocks;
            this.blockB = blockB;
            this.threads = threads;
            return this;
        }

        /** Drops the references to the operands, so that a finished product keeps no tensor alive. */
        void release() {
            a = null;
            b = null;
            c = null;
            packedB = null;
        }

        /** C[:, jc:jc+NC] on this thread, op(B)'s block packed into {@code bp}. */
        void columnBlock(int jc, int nc, float[] bp) {
            int colPanels = SimdGemm.ceilDiv(nc, NR);
            int rowPanels = SimdGemm.ceilDiv(m, MR);
            for (int kb = 0; kb < kBlocks; kb++) packB(jc, nc, kb, 0, colPanels, bp);
            for (int first = 0; first < rowPanels; first += MC / MR) {
                sweep(jc, nc, first, Math.min(rowPanels, first + MC / MR), 0, colPanels, bp);
            }
        }

        /** Packs column panels [firstPanel, lastPanel) of op(B)[:, jc:jc+nc] for K block kb into {@code bp}. */
        void packB(int jc, int nc, int kb, int firstPanel, int lastPanel, float[] bp) {
            int pc = kb * kcStep;
            int kc = Math.min(kcStep, k - pc);
            int colStart = firstPanel * NR;
            GemmPacking.packB(transB, b, bOffset, n, k, pc, kc, jc + colStart, Math.min(nc, lastPanel * NR) - colStart,
                    bp, kb * blockB + colStart * kc);
        }

        /** {@link #packB} for all K blocks, in (K block × panel range) tasks the threads claim. */
        void packBInParallel(int jc, int nc) {
            int colPanels = SimdGemm.ceilDiv(nc, NR);
            int parts = Math.min(colPanels, 2 * threads);
            Parallelism.run(kBlocks * parts, threads, task -> {
                int part = task % parts;
                packB(jc, nc, task / parts, colPanels * part / parts, colPanels * (part + 1) / parts, packedB);
            });
        }

        /**
         * Sweeps C[:, jc:jc+nc] in tasks of (a block of at most MC rows) × (a group of column panels), about three
         * per thread, so that a thread the operating system does not schedule leaves little behind; wide row blocks
         * come first, the columns are split only when there are too few of them.
         */
        void sweepInParallel(int jc, int nc) {
            int rowPanels = SimdGemm.ceilDiv(m, MR);
            int colPanels = SimdGemm.ceilDiv(nc, NR);
            int wanted = 3 * threads;
            int panelsPerRowBlock = Math.max(1, Math.min(MC / MR, SimdGemm.ceilDiv(rowPanels, wanted)));
            int rowBlocks = SimdGemm.ceilDiv(rowPanels, panelsPerRowBlock);
            int colGroups = Math.min(colPanels, SimdGemm.ceilDiv(wanted, rowBlocks));
            Parallelism.run(rowBlocks * colGroups, threads, task -> {
                int firstRowPanel = task / colGroups * panelsPerRowBlock;
                int colGroup = task % colGroups;
                sweep(jc, nc, firstRowPanel, Math.min(rowPanels, firstRowPanel + panelsPerRowBlock),
                        colPanels * colGroup / colGroups, colPanels * (colGroup + 1) / colGroups, packedB);
            });
        }

        /**
         * C[rows of row panels [firstRowPanel, lastRowPanel), columns jc + panels [firstColPanel, lastColPanel)]
         * over all K blocks in order: for each K block the row block of op(A) is packed into this thread's buffer
         * (it stays in L2) and the tiles are swept column panel by column panel (a B micro-panel stays in L1).
         */
        void sweep(int jc, int nc, int firstRowPanel, int lastRowPanel, int firstColPanel, int lastColPanel, float[] bp) {
            GemmWorkspace ws = GemmWorkspace.own();
            int rowStart = firstRowPanel * MR;
            int mc = Math.min(m, lastRowPanel * MR) - rowStart;
            float[] packedA = ws.packedA(SimdGemm.roundUp(mc, MR) * kcStep);
            for (int kb = 0; kb < kBlocks; kb++) {
                int pc = kb * kcStep;
                int kc = Math.min(kcStep, k - pc);
                float blockBeta = pc == 0 ? beta : 1f;
                GemmPacking.packA(transA, a, aOffset, m, k, rowStart, mc, pc, kc, packedA, 0);
                // Locals, not fields, in the tile loops: C2 cannot keep fields in registers across the kernels' stores.
                int bBlock = kb * blockB;
                float[] out = c;
                int ldc = n;
                int cBase = cOffset + rowStart * ldc + jc;
                float[] tile = ws.tile;
                for (int q = firstColPanel; q < lastColPanel; q++) {
                    int jr = q * NR;
                    int cols = Math.min(NR, nc - jr);
                    for (int ir = 0; ir < mc; ir += MR) {
                        SimdGemm.kernel(packedA, ir * kc, bp, bBlock + jr * kc, kc, out, cBase + ir * ldc + jr, ldc,
                                blockBeta, Math.min(MR, mc - ir), cols, tile);
                    }
                }
            }
        }
    }
}
