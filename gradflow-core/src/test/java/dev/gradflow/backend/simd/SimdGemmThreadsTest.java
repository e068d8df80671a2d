package dev.gradflow.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradflow.backend.Parallelism;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which products the packed GEMM splits across threads (speed only: the bits never depend on it). */
class SimdGemmThreadsTest {
    private int threadsBefore;
    private long workBefore;

    @BeforeEach
    void twoThreadsDefaultThreshold() {
        threadsBefore = Parallelism.threads();
        workBefore = Parallelism.minFlopsPerExtraThread();
        Parallelism.setThreads(2);
        Parallelism.setMinFlopsPerExtraThread(Parallelism.MIN_FLOPS_PER_EXTRA_THREAD);
    }

    @AfterEach
    void restore() {
        Parallelism.setThreads(threadsBefore);
        Parallelism.setMinFlopsPerExtraThread(workBefore);
    }

    @Test
    void aProductThickInEveryDimensionSplitsFromAQuarterOfTheUsualWork() {
        // 256x256x256: 33.5 MFLOP, under the default 64 MiFLOP but over its quarter.
        assertEquals(2, SimdGemm.threadsFor(256, 256, 256));
        assertEquals(2, SimdGemm.threadsFor(300, 256, 400));
    }

    @Test
    void aProductWithAThinSideKeepsTheDefaultThreshold() {
        // mnist_adam's 51 MFLOP products have the batch (128) as one side: they stay on one thread.
        assertEquals(1, SimdGemm.threadsFor(128, 256, 784));
        assertEquals(1, SimdGemm.threadsFor(256, 784, 128));
        assertEquals(1, SimdGemm.threadsFor(255, 256, 256));
        // Large enough for the default threshold, thin or not.
        assertEquals(2, SimdGemm.threadsFor(128, 1024, 1024));
    }

    @Test
    void oneThreadOrTooLittleWorkStaysOnOneThread() {
        assertEquals(1, SimdGemm.threadsFor(256, 256, 64 + 32));
        Parallelism.setThreads(1);
        assertEquals(1, SimdGemm.threadsFor(1024, 1024, 1024));
    }
}
