package dev.gradflow.backend;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of daemon worker threads that help run the tasks of one coarse-grained job at a time.
 *
 * <p>The calling thread and the woken workers claim tasks 0, 1, … from a shared counter until none are left, so
 * a worker that the operating system does not schedule (another process holds the core) simply claims nothing,
 * and the caller does its share: the job degrades to one-thread speed instead of waiting for a straggler. Idle
 * workers and a caller waiting for the last tasks are parked ({@link LockSupport#park}); nothing spins.
 *
 * <p>One job runs at a time. A caller that finds the pool busy (another thread's job, or a nested call from inside
 * a task) runs all tasks itself, in order. Callers make each task's result independent of which thread runs it,
 * so this changes speed, never results.
 */
final class WorkerPool {
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();

    /** Starts {@code workerCount} parked daemon threads. */
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

    /** The number of worker threads (the caller comes on top). */
    int workerCount() {
        return workers.length;
    }

    /**
     * Runs {@code body.accept(task)} for every task in [0, tasks), on the calling thread and up to {@code helpers}
     * workers, and returns when all have finished. If a task throws, the first exception is rethrown here after
     * every task has finished.
     */
    void run(int tasks, int helpers, IntConsumer body) {
        if (tasks < 0 || helpers < 0) {
            throw new IllegalArgumentException("worker pool: tasks and helpers must be >= 0, got " + tasks + " and " + helpers);
        }
        int wake = Math.min(Math.min(helpers, workers.length), tasks - 1);
        if (wake <= 0 || !busy.compareAndSet(false, true)) {
            for (int t = 0; t < tasks; t++) body.accept(t);
            return;
        }
        try {
            Job job = new Job(body, tasks, Thread.currentThread());
            for (int w = 0; w < wake; w++) {
                workers[w].job.set(job);
                LockSupport.unpark(workers[w].thread);
            }
            job.work();
            while (job.done.get() < tasks) LockSupport.park(this);
            Throwable failure = job.failure;
            if (failure instanceof RuntimeException r) throw r;
            if (failure instanceof Error e) throw e;
            if (failure != null) throw new IllegalStateException("worker pool: a task failed", failure);
        } finally {
            busy.set(false);
        }
    }

    /** One submitted job: its body, the next task to claim, how many tasks have finished, the waiting caller. */
    private static final class Job {
        final IntConsumer body;
        final int tasks;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(IntConsumer body, int tasks, Thread caller) {
            this.body = body;
            this.tasks = tasks;
            this.caller = caller;
        }

        /** Claims and runs tasks until none are left; whoever finishes the last task wakes the caller. */
        void work() {
            int t;
            while ((t = next.getAndIncrement()) < tasks) {
                try {
                    body.accept(t);
                } catch (Throwable e) {
                    if (failure == null) failure = e;
                }
                if (done.incrementAndGet() == tasks && Thread.currentThread() != caller) LockSupport.unpark(caller);
            }
        }
    }

    private static final class Worker implements Runnable {
        Thread thread;
        /** Set by a caller, taken by the worker. A late worker may take a finished job: it then claims nothing. */
        final AtomicReference<Job> job = new AtomicReference<>();

        @Override
        public void run() {
            while (true) {
                Job j = job.getAndSet(null);
                if (j == null) {
                    LockSupport.park(this);
                } else {
                    j.work();
                }
            }
        }
    }
}
