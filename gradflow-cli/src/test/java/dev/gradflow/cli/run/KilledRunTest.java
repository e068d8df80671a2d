package dev.gradflow.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradflow.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed part-way (SIGKILL of the JVM running it: no shutdown hook runs) leaves a directory that
 * {@code gradflow report} recognizes as incomplete, naming the missing variants.
 */
class KilledRunTest {
    private static final String SPEC = """
            name: killed
            data: synthetic:linear?n=32&d=4
            model:
              mlp: {input: 4, width: 8, depth: 2}
              loss: mse
            training: {optimizer: sgd, lr: 0.01, steps: 10}
            probes: {interval: 1000}
            grid:
              - name: quick
              - name: endless-1
                set: {training.steps: 100000000}
              - name: endless-2
                set: {training.steps: 100000000}
            """;

    @TempDir
    Path dir;

    @Test
    void reportNamesTheVariantsAKilledRunLeftMissing() throws Exception {
        Path spec = Files.writeString(dir.resolve("killed.yaml"), SPEC);
        Path out = dir.resolve("run");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "dev.gradflow.cli.GradflowCommand", "run", spec.toString(), "--out", out.toString(), "--parallel", "1"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            ObjectMapper json = new ObjectMapper();
            // Wait (generously: the machine may be busy) until the quick variant has ended and the next one trains.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!finishedOne(json, out.resolve("run.json"))) {
                assertTrue(child.isAlive(), () -> "the child run ended early: " + read(dir.resolve("child.log")));
                assertTrue(System.nanoTime() < deadline, "the quick variant did not end within 5 minutes");
                Thread.sleep(100);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        CliRun report = CliRun.of("report", out.toString());
        assertEquals(0, report.exitCode(), report.err());
        assertEquals(List.of("killed is incomplete: 2 of 3 variants missing: endless-1, endless-2", "wrote " + out.resolve("report.html")),
                report.err().strip().lines().toList());
        assertTrue(Files.readString(out.resolve("report.html")).contains("endless-2"));
        assertTrue(report.out().lines().anyMatch(l -> l.startsWith("endless-1  missing")), report.out());
        JsonNode state = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("incomplete", state.get("status").asText());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("incomplete", summary.get("status").asText());
        assertEquals("complete", summary.get("variants").get(0).get("status").asText());
        assertEquals("missing", summary.get("variants").get(1).get("status").asText());
    }

    private static boolean finishedOne(ObjectMapper json, Path state) {
        try {
            return Files.isRegularFile(state) && json.readTree(state.toFile()).get("finished").size() >= 1;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
