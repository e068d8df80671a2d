package dev.gradflow.backend;

import java.util.function.IntConsumer;

/**
 * How many threads the kernels may use, and the shared parking {@link WorkerPool} that runs their tasks.
 *
 * <p>The count comes from {@code -Dgradflow.threads} (default: the number of available processors) and can be
 * changed at run time with {@link #setThreads}; the split threshold from {@code -Dgradflow.minFlopsPerExtraThread}
 * (default {@link #MIN_FLOPS_PER_EXTRA_THREAD}) or {@link #setMinFlopsPerExtraThread}. Kernels split only work that
 * is large enough to pay for waking a thread (see {@link #partsFor}), in coarse blocks, and so that every output
 * element is computed by one thread with the same summation order whatever the thread count: results are
 * bit-identical for any count.
 */
public final class Parallelism {
    /**
     * Each extra thread needs this many floating-point operations of work by default: 64 MiFLOP, about 0.4 ms on one
     * core. Measured on a 2-vCPU machine (README, Speed): products of 16–51 MFLOP (the MNIST MLP's, the deep nets'
     * 33 MFLOP layers) ran no faster or slower on two threads — waking a parked thread, and getting it scheduled
     * beside other jobs, costs tens of µs — while square products from n = 512 (268 MFLOP) ran 1.4–1.9× faster.
     */
    public static final long MIN_FLOPS_PER_EXTRA_THREAD = 1L << 26;

    private static volatile int threads = initialThreads();
    private static volatile long minFlopsPerExtraThread = initialMinFlopsPerExtraThread();
    private static WorkerPool pool;

    private Parallelism() {}

    /** The number of threads kernels use (at least 1). */
    public static int threads() {
        return threads;
    }

    /** Sets the number of threads kernels use from now on; 1 makes every kernel single-threaded. */
    public static void setThreads(int count) {
        if (count < 1) throw new IllegalArgumentException("gradflow threads must be >= 1, got " + count);
        threads = count;
    }

    /**
     * How many threads a job of {@code flops} operations should use: 1 when the work is too small to pay for a
     * thread hand-off, else up to {@link #threads()}, and never more than {@code maxParts}.
     */
    public static int partsFor(long flops, int maxParts) {
        return partsFor(flops, maxParts, minFlopsPerExtraThread);
    }

    /**
     * As {@link #partsFor(long, int)} for a job that needs only {@code flopsPerExtraThread} of work per extra thread
     * (a kernel that knows its work splits more cheaply than the default assumes).
     */
    public static int partsFor(long flops, int maxParts, long flopsPerExtraThread) {
        long byWork = Math.max(1, flops / Math.max(1, flopsPerExtraThread));
        return (int) Math.max(1, Math.min(Math.min(byWork, maxParts), threads));
    }

    /**
     * Runs {@code body.accept(task)} for task in [0, tasks) on up to {@code threadCount} threads (the caller
     * included), which claim tasks in order from a shared counter; returns when all are done. With more tasks than
     * threads, a thread that is not scheduled just claims fewer. Each task's result must not depend on the thread
     * that runs it.
     */
    public static void run(int tasks, int threadCount, IntConsumer body) {
        if (threadCount <= 1 || tasks <= 1) {
            for (int t = 0; t < tasks; t++) body.accept(t);
            return;
        }
        poolFor(threadCount).run(tasks, threadCount - 1, body);
    }

    /** The work each extra thread needs ({@link #MIN_FLOPS_PER_EXTRA_THREAD} unless changed). */
    public static long minFlopsPerExtraThread() {
        return minFlopsPerExtraThread;
    }

    /**
     * Sets the work each extra thread needs; results do not depend on it, only speed. Tests lower it to run small
     * products on the parallel path; a machine whose threads wake faster may gain from a lower value.
     */
    public static void setMinFlopsPerExtraThread(long flops) {
        if (flops < 1) throw new IllegalArgumentException("gradflow: the work per extra thread must be >= 1 FLOP, got " + flops);
        minFlopsPerExtraThread = flops;
    }

    private static synchronized WorkerPool poolFor(int threadCount) {
        if (pool == null || pool.workerCount() < threadCount - 1) {
            // Grow only: an older, smaller pool's workers stay parked forever (daemons, a few KB each). Counts
            // change rarely (configuration, tests), so this is simpler than handing jobs across pools.
            pool = new WorkerPool(threadCount - 1);
        }
        return pool;
    }

    /** {@code -Dgradflow.minFlopsPerExtraThread} (to measure another threshold without a rebuild), else the default. */
    private static long initialMinFlopsPerExtraThread() {
        return positiveProperty("gradflow.minFlopsPerExtraThread", MIN_FLOPS_PER_EXTRA_THREAD, Long.MAX_VALUE);
    }

    /** {@code -Dgradflow.threads}, else the number of available processors. */
    private static int initialThreads() {
        return (int) positiveProperty("gradflow.threads", Math.max(1, Runtime.getRuntime().availableProcessors()), Integer.MAX_VALUE);
    }

    /** A system property holding an integer in [1, max], or {@code fallback} when it is unset or blank. */
    private static long positiveProperty(String name, long fallback, long max) {
        String requested = System.getProperty(name);
        if (requested == null || requested.isBlank()) return fallback;
        try {
            long value = Long.parseLong(requested.trim());
            if (value >= 1 && value <= max) return value;
        } catch (NumberFormatException e) {
            // reported below, as for a value out of range
        }
        throw new IllegalArgumentException("-D" + name + " must be an integer from 1 to " + max + ", got '" + requested + "'");
    }
}
