package dev.gradflow.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void runsEveryTaskExactlyOnceWithMoreTasksThanThreads() {
        WorkerPool pool = new WorkerPool(3);
        for (int round = 0; round < 200; round++) {
            int tasks = 1 + round % 17;
            AtomicIntegerArray seen = new AtomicIntegerArray(tasks);
            pool.run(tasks, 3, seen::incrementAndGet);
            for (int t = 0; t < tasks; t++) assertEquals(1, seen.get(t), "task " + t + " in round " + round);
        }
    }

    @Test
    void rethrowsATasksExceptionAfterAllTasksFinish() {
        WorkerPool pool = new WorkerPool(1);
        AtomicIntegerArray seen = new AtomicIntegerArray(6);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(6, 1, task -> {
            seen.incrementAndGet(task);
            if (task == 1) throw new IllegalStateException("task one failed");
        }));
        assertEquals("task one failed", e.getMessage());
        for (int t = 0; t < 6; t++) assertEquals(1, seen.get(t), "task " + t);
        // The pool still works afterwards.
        int[] out = new int[2];
        pool.run(2, 1, task -> out[task] = task + 10);
        assertArrayEquals(new int[] {10, 11}, out);
    }

    @Test
    void nestedCallRunsItsTasksOnTheCallingThread() {
        WorkerPool pool = new WorkerPool(1);
        AtomicIntegerArray inner = new AtomicIntegerArray(4);
        pool.run(2, 1, outer -> pool.run(2, 1, task -> inner.incrementAndGet(outer * 2 + task)));
        for (int i = 0; i < 4; i++) assertEquals(1, inner.get(i));
    }

    @Test
    void parallelismRunsTasksOnTheRequestedThreads() {
        AtomicIntegerArray seen = new AtomicIntegerArray(9);
        Parallelism.run(9, 2, seen::incrementAndGet);
        for (int t = 0; t < 9; t++) assertEquals(1, seen.get(t));
    }

    @Test
    void threadCountIsValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallelism.setThreads(0));
        assertEquals("gradflow threads must be >= 1, got 0", e.getMessage());
    }
}
