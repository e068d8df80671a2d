package dev.gradflow.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gradflow.modelio.SafetensorsReader;
import dev.gradflow.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of checkpoints: a training run in a child JVM is killed with SIGKILL part-way, after at least
 * one checkpoint, at a moment drawn from a seed (so possibly in the middle of writing the next checkpoint); a new
 * JVM resumes from the latest checkpoint; its final weights are bit-identical to those of an uninterrupted run in a
 * third JVM. Every JVM runs single-threaded with the same flags, as the test JVM.
 */
class CrashResumeTest {
    private static final long KILL_DELAY_SEED = 2026;

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The flags of the test JVM (parent pom: gradflow.jvm.flags), one thread, a small heap.
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC", "-Dgradflow.threads=1", "-Xmx256m"));
        String kernels = System.getProperty("gradflow.kernels");
        if (kernels != null) command.add("-Dgradflow.kernels=" + kernels);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        command.addAll(List.of("-cp", classPath, CrashResumeHarness.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private record Child(Process process, BufferedReader out, Path err) {
        static Child start(Path dir, String name, String... args) throws IOException {
            Path err = dir.resolve(name + ".err");
            Process p = new ProcessBuilder(command(args)).redirectError(err.toFile()).start();
            return new Child(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)), err);
        }

        /** The next line the child prints, failing with its stderr when it ends first. */
        String nextLine() throws IOException {
            String line = out.readLine();
            if (line == null) fail("the child JVM ended without the expected output; stderr:\n" + Files.readString(err));
            return line;
        }

        int awaitSuccess() throws IOException, InterruptedException {
            List<String> lines = new ArrayList<>();
            for (String line; (line = out.readLine()) != null; ) lines.add(line);
            int code = process.waitFor();
            assertEquals(0, code, "child JVM failed; output " + lines + "; stderr:\n" + Files.readString(err));
            assertEquals("done", lines.getLast());
            return lines.size();
        }
    }

    @Test
    void aRunKilledPartWayAndResumedEndsWithTheWeightsOfAnUninterruptedRun(@TempDir Path dir) {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            List<Process> started = new ArrayList<>();
            try {
                Path reference = dir.resolve("reference.safetensors");
                Child uninterrupted = Child.start(dir, "reference", "fresh", dir.resolve("reference-checkpoints").toString(),
                        reference.toString(), "0", "0");
                started.add(uninterrupted.process());
                uninterrupted.awaitSuccess();

                Path checkpoints = dir.resolve("checkpoints");
                Path resumedWeights = dir.resolve("resumed.safetensors");
                Child doomed = Child.start(dir, "killed", "fresh", checkpoints.toString(), resumedWeights.toString(), "4", "200");
                started.add(doomed.process());
                assertEquals("checkpoint " + CrashResumeHarness.CHECKPOINT_EVERY, doomed.nextLine());
                assertEquals("checkpoint " + 2 * CrashResumeHarness.CHECKPOINT_EVERY, doomed.nextLine());
                long delayMillis = new SplittableRandom(KILL_DELAY_SEED).nextLong(150);
                Thread.sleep(delayMillis);
                doomed.process().destroyForcibly();                      // SIGKILL on POSIX
                assertTrue(doomed.process().waitFor() != 0, "killed, not finished");
                assertFalse(Files.exists(resumedWeights), "the killed run must not have finished");

                Path latest = CheckpointStore.latest(checkpoints).orElseThrow();
                long resumedFrom = CheckpointStore.step(latest);
                assertTrue(resumedFrom >= 2 * CrashResumeHarness.CHECKPOINT_EVERY && resumedFrom < 200, "latest checkpoint " + latest);

                Child resumed = Child.start(dir, "resumed", "resume", checkpoints.toString(), resumedWeights.toString(), "0", "0");
                started.add(resumed.process());
                assertEquals("resumed " + resumedFrom, resumed.nextLine());
                resumed.awaitSuccess();

                Map<String, Tensor> want = SafetensorsReader.read(reference).floatTensors();
                Map<String, Tensor> got = SafetensorsReader.read(resumedWeights).floatTensors();
                assertEquals(want.keySet(), got.keySet());
                want.forEach((name, t) -> {
                    float[] a = t.data();
                    float[] b = got.get(name).data();
                    assertEquals(a.length, b.length, name);
                    for (int i = 0; i < a.length; i++) {
                        assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]),
                                name + "[" + i + "] after resuming from step " + resumedFrom + " (killed " + delayMillis + " ms after the second checkpoint)");
                    }
                });
                assertEquals(List.of(CheckpointStore.name(225), CheckpointStore.name(240)),
                        CheckpointStore.checkpoints(checkpoints).stream().map(p -> p.getFileName().toString()).toList(),
                        "the resumed run went on checkpointing and kept the last 2");
            } finally {
                for (Process p : started) p.destroyForcibly();
            }
        });
    }
}
