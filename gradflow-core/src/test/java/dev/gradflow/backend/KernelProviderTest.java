package dev.gradflow.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The start-up choice behind {@code -Dgradflow.kernels}; the test JVM runs with jdk.incubator.vector and C2. */
class KernelProviderTest {

    @Test
    void scalarRequestGivesTheReferenceKernels() {
        KernelProvider.Choice choice = KernelProvider.choose("scalar");
        assertInstanceOf(ScalarKernels.class, choice.kernels());
        assertEquals("scalar: requested by -Dgradflow.kernels=scalar", choice.reason());
    }

    @Test
    void simdRequestLoadsTheVectorKernels() {
        KernelProvider.Choice choice = KernelProvider.choose("simd");
        assertEquals("dev.gradflow.backend.simd.SimdKernels", choice.kernels().getClass().getName());
        assertTrue(choice.kernels().name().startsWith("simd-"), choice.kernels().name());
        assertTrue(choice.reason().endsWith("requested by -Dgradflow.kernels=simd"), choice.reason());
    }

    @Test
    void autoPicksSimdWhenTheIncubatorModuleIsThere() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        KernelProvider.Choice choice = KernelProvider.choose("auto");
        assertTrue(choice.kernels().name().startsWith("simd-"), choice.reason());
        assertTrue(choice.reason().contains("jdk.incubator.vector readable"), choice.reason());
    }

    @Test
    void theSystemPropertyDecidesTheProcessWideChoice() {
        String requested = System.getProperty("gradflow.kernels", "auto");
        String name = KernelProvider.kernels().name();
        if (requested.equals("scalar")) assertEquals("scalar", name);
        else assertTrue(name.startsWith("simd-"), KernelProvider.reason());
    }

    @Test
    void unknownRequestIsRejectedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelProvider.choose("gpu"));
        assertTrue(e.getMessage().contains("scalar, simd or auto"), e.getMessage());
    }
}
