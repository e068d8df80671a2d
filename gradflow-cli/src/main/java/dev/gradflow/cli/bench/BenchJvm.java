package dev.gradflow.cli.bench;

import dev.gradflow.cli.GradflowCommand;
import dev.gradflow.report.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs part of a bench ({@code gradflow bench --same-jvm …}) in a fresh JVM — the same java, JVM flags and class
 * path as this one — and reads back the JSON it writes, as JMH forks a JVM per benchmark.
 *
 * <p>Why: the JIT state one workload leaves behind changes how the next one warms up. Measured on the 2-vCPU machine
 * (README, Speed): {@code deep20} after {@code seed_sgd} and a probed {@code mnist_adam} in one JVM ran at 36–49 ms a
 * step for its first 50–100 steps (C2 was still recompiling what the new shapes and the tanh activation had
 * deoptimized) against 15–16 ms from then on and in a JVM of its own, and the warm-up's "nothing compiled, no faster"
 * test could end inside that phase.
 */
final class BenchJvm {
    /** Lines of a failed child's output shown in the error. */
    private static final int FAILURE_TAIL_LINES = 20;

    private BenchJvm() {}

    /**
     * Runs {@code gradflow bench --same-jvm <benchArguments> --json <file>} in a child JVM and returns what it measured.
     *
     * @param what           what the child measures, for messages ("seed_sgd", "gemm")
     * @param benchArguments the bench options (workloads, sizes, threads, seed, quick)
     * @throws IllegalStateException when the child fails; the message carries the end of its output
     */
    static BenchResults.Document run(String what, List<String> benchArguments) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("gradflow-bench-");
        try {
            Path json = dir.resolve("results.json");
            Path log = dir.resolve("output.log");
            List<String> command = new ArrayList<>(javaCommand());
            command.add("bench");
            command.add("--same-jvm");
            command.addAll(benchArguments);
            command.add("--json");
            command.add(json.toString());
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int exit = child.waitFor();
            if (exit != 0 || !Files.exists(json)) {
                throw new IllegalStateException("bench: the JVM measuring " + what + " exited with " + exit + "; the end of its output:\n"
                        + tail(log));
            }
            return Json.mapper().readValue(json.toFile(), BenchResults.Document.class);
        } finally {
            deleteRecursively(dir);
        }
    }

    /**
     * java, this JVM's flags (module, GC, -D and -XX options; not a debugger agent or a flight recording) and class
     * path, and gradflow's main class.
     */
    static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("bench: cannot tell which java runs this JVM, to start another")));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A debugger's port and a flight recording's file belong to this JVM; a child taking them would fail or
            // overwrite them.
            if (!flag.startsWith("-agentlib:jdwp") && !flag.startsWith("-XX:StartFlightRecording")) command.add(flag);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(GradflowCommand.class.getName());
        return command;
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) return "(no output)";
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - FAILURE_TAIL_LINES), lines.size()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
