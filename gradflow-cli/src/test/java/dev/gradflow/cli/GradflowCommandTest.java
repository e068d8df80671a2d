package dev.gradflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradflowCommandTest {

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Commands:"), run.out());
        assertTrue(run.out().contains("seed"), run.out());
        assertTrue(run.out().contains("help"), run.out());
    }

    @Test
    void unknownOptionIsOneLineOnStderrWithUsageExitCode() {
        CliRun run = CliRun.of("--no-such-option");
        assertEquals(2, run.exitCode());
        assertEquals("gradflow: Unknown option: '--no-such-option' (see 'gradflow --help')", run.err().strip());
        assertEquals("", run.out());
    }

    @Test
    void missingCommandFails() {
        CliRun run = CliRun.of();
        assertEquals(2, run.exitCode());
        assertEquals("gradflow: missing command (see 'gradflow --help')", run.err().strip());
    }

    @Test
    void debugAddsTheStackTrace() {
        CliRun run = CliRun.of("--debug", "--no-such-option");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().lines().count() > 1, run.err());
        assertTrue(run.err().contains("at picocli."), run.err());
        assertFalse(CliRun.of("--no-such-option").err().contains("at picocli."));
    }

    @Test
    void versionNamesTheJdkAndKernels() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Java " + Runtime.version().feature()), run.out());
        assertTrue(run.out().contains("kernels "), run.out());
    }
}
