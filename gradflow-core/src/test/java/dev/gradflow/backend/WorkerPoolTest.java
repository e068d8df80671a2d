package dev.gradflow.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void runsEveryPartExactlyOnce() {
        WorkerPool pool = new WorkerPool(3);
        for (int round = 0; round < 200; round++) {
            AtomicIntegerArray seen = new AtomicIntegerArray(4);
            pool.run(4, seen::incrementAndGet);
            for (int p = 0; p < 4; p++) assertEquals(1, seen.get(p), "part " + p + " in round " + round);
        }
    }

    @Test
    void rethrowsAPartsExceptionAfterAllPartsFinish() {
        WorkerPool pool = new WorkerPool(1);
        AtomicIntegerArray seen = new AtomicIntegerArray(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(2, part -> {
            seen.incrementAndGet(part);
            if (part == 1) throw new IllegalStateException("part one failed");
        }));
        assertEquals("part one failed", e.getMessage());
        assertEquals(1, seen.get(0));
        // The pool still works afterwards.
        int[] out = new int[2];
        pool.run(2, part -> out[part] = part + 10);
        assertArrayEquals(new int[] {10, 11}, out);
    }

    @Test
    void nestedCallRunsItsPartsOnTheCallingThread() {
        WorkerPool pool = new WorkerPool(1);
        AtomicIntegerArray inner = new AtomicIntegerArray(4);
        pool.run(2, outer -> pool.run(2, part -> inner.incrementAndGet(outer * 2 + part)));
        for (int i = 0; i < 4; i++) assertEquals(1, inner.get(i));
    }

    @Test
    void rejectsMorePartsThanThreads() {
        WorkerPool pool = new WorkerPool(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.run(3, part -> {}));
        assertEquals("worker pool: parts must be in [1, 2], got 3", e.getMessage());
    }

    @Test
    void threadCountIsValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallelism.setThreads(0));
        assertEquals("gradflow threads must be >= 1, got 0", e.getMessage());
    }
}
