package dev.gradflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors of the JVM's setting rather than of the input end a command with one line, not a stack trace. */
class JvmLevelErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aFullHeapIsOneLineNamingTheLimitAndTheRemedy() throws Exception {
        // deep50 holds 3.3 M parameters, their gradients and a step's activations: far more than 24 MiB.
        String output = runChild("-Xmx24m", "bench", "--same-jvm", "--quick", "--workloads", "deep50", "--gemm-sizes", "0");
        assertTrue(output.contains("gradflow: the Java heap is full (Java heap space; at most ")
                && output.contains("GRADFLOW_JAVA_OPTS=-Xmx4g"), output);
    }

    @Test
    void aBadGradflowPropertyIsOneLineNamingIt() throws Exception {
        String output = runChild("-Dgradflow.threads=two", "bench", "--same-jvm", "--quick", "--workloads", "seed_sgd_b1",
                "--gemm-sizes", "0");
        assertTrue(output.contains("gradflow: -Dgradflow.threads must be an integer from 1 to 2147483647, got 'two'"), output);
    }

    /** Runs gradflow in a child JVM with one JVM option; asserts exit code 1 and no stack trace; returns its output. */
    private String runChild(String jvmOption, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                jvmOption, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                GradflowCommand.class.getName()));
        command.addAll(List.of(arguments));
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child JVM did not end within 2 minutes");
        String output = Files.readString(log);
        assertEquals(1, child.exitValue(), output);
        assertTrue(!output.contains("\tat "), "no stack trace without --debug: " + output);
        return output;
    }
}
