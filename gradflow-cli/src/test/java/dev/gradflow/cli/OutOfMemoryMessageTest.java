package dev.gradflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full heap ends the command with one line that says so and how to give the JVM more, not a stack trace. */
class OutOfMemoryMessageTest {
    @TempDir
    Path dir;

    @Test
    void aFullHeapIsOneLineNamingTheLimitAndTheRemedy() throws Exception {
        // deep50 holds 3.3 M parameters, their gradients and a step's activations: far more than 24 MiB.
        List<String> command = List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx24m",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                GradflowCommand.class.getName(), "bench", "--same-jvm", "--quick", "--workloads", "deep50", "--gemm-sizes", "0");
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child JVM did not end within 2 minutes");
        String output = Files.readString(log);
        assertEquals(1, child.exitValue(), output);
        assertTrue(output.contains("gradflow: the Java heap is full (Java heap space; at most ")
                && output.contains("GRADFLOW_JAVA_OPTS=-Xmx4g"), output);
        assertTrue(!output.contains("\tat "), "no stack trace without --debug: " + output);
    }
}
