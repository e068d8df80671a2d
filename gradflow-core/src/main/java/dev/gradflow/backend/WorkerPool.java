package dev.gradflow.backend;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of daemon worker threads that run the parts of one coarse-grained job at a time.
 *
 * <p>Part 0 of a job runs on the calling thread, parts 1…parts−1 on the workers. Idle workers and a caller
 * waiting for the rest of its job are parked ({@link LockSupport#park}); nothing ever spins, so when another
 * process takes a core the pool degrades to one-thread speed instead of burning the core it still has.
 *
 * <p>One job runs at a time. A caller that finds the pool busy (another thread's job, or a nested call from
 * inside a part) runs all parts itself, one after the other. Callers partition work so that each output is
 * computed the same way whichever thread computes it, so this changes speed, never results.
 */
final class WorkerPool {
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();

    /** Starts {@code workerCount} parked daemon threads; the pool runs jobs of up to workerCount + 1 parts. */
    WorkerPool(int workerCount) {
        if (workerCount < 0) throw new IllegalArgumentException("worker pool: worker count must be >= 0, got " + workerCount);
        workers = new Worker[workerCount];
        for (int w = 0; w < workerCount; w++) {
            workers[w] = new Worker();
            Thread t = Thread.ofPlatform().daemon().name("gradflow-worker-" + (w + 1)).unstarted(workers[w]);
            workers[w].thread = t;
            t.start();
        }
    }

    /** The largest number of parts that run in parallel (workers plus the caller). */
    int capacity() {
        return workers.length + 1;
    }

    /**
     * Runs {@code body.accept(part)} for every part in [0, parts) and returns when all have finished. If a part
     * throws, the first exception is rethrown here after every part has finished.
     */
    void run(int parts, IntConsumer body) {
        if (parts < 1 || parts > capacity()) {
            throw new IllegalArgumentException("worker pool: parts must be in [1, " + capacity() + "], got " + parts);
        }
        if (parts == 1 || !busy.compareAndSet(false, true)) {
            for (int p = 0; p < parts; p++) body.accept(p);
            return;
        }
        try {
            Job job = new Job(body, Thread.currentThread(), parts - 1);
            for (int p = 1; p < parts; p++) {
                Worker w = workers[p - 1];
                w.part = p;
                w.job = job;
                LockSupport.unpark(w.thread);
            }
            Throwable own = null;
            try {
                body.accept(0);
            } catch (Throwable e) {
                own = e;
            }
            while (job.remaining.get() != 0) LockSupport.park(this);
            Throwable failure = own != null ? own : job.failure;
            if (failure instanceof RuntimeException r) throw r;
            if (failure instanceof Error e) throw e;
            if (failure != null) throw new IllegalStateException("worker pool: a part failed", failure);
        } finally {
            busy.set(false);
        }
    }

    /** One submitted job: its body, the thread waiting for it, and how many worker parts are still running. */
    private static final class Job {
        final IntConsumer body;
        final Thread caller;
        final AtomicInteger remaining;
        volatile Throwable failure;

        Job(IntConsumer body, Thread caller, int workerParts) {
            this.body = body;
            this.caller = caller;
            this.remaining = new AtomicInteger(workerParts);
        }
    }

    private static final class Worker implements Runnable {
        Thread thread;
        int part;
        /** Written by the caller after {@link #part}; read and cleared by the worker (the volatile publishes part). */
        volatile Job job;

        @Override
        public void run() {
            while (true) {
                Job j = job;
                if (j == null) {
                    LockSupport.park(this);
                    continue;
                }
                job = null;
                try {
                    j.body.accept(part);
                } catch (Throwable e) {
                    if (j.failure == null) j.failure = e;
                }
                if (j.remaining.decrementAndGet() == 0) LockSupport.unpark(j.caller);
            }
        }
    }
}
