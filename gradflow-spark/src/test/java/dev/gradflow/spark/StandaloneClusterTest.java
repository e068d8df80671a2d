package dev.gradflow.spark;

import static dev.gradflow.spark.SparkExperimentRunnerTest.EIGHT;
import static dev.gradflow.spark.SparkExperimentRunnerTest.withoutTimes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.lab.ExperimentRecipe;
import dev.gradflow.lab.ExperimentRunner;
import dev.gradflow.lab.RunDirectory;
import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.VariantSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submits a grid to a real Spark standalone cluster — a master and a worker started as separate JVMs on loopback
 * from the Maven jars ({@link StandaloneCluster}) — the way a user's {@code ./gradflow run SPEC --spark spark://…}
 * does, and checks the run directory against a local run. The cluster is stopped whatever happens, and the test
 * checks that none of its processes (master, worker, executors) outlives it.
 */
class StandaloneClusterTest {
    /** Where the cluster keeps its files (logs, the worker's and executors' folders), kept after the test to read. */
    private static final Path CLUSTER_FOLDER = Path.of(System.getProperty("basedir", "."), "target", "spark-standalone");

    @TempDir
    Path dir;

    @Test
    void aGridSubmittedToAStandaloneClusterGivesTheLocalRunsFilesAndNumbers() throws IOException {
        ExperimentRecipe recipe = new ExperimentRecipe(EIGHT, "tiny.yaml", List.of(), 0);
        ExperimentRunner.Options options = ExperimentRunner.Options.defaults().withParallelism(2);
        RunSummary local = new ExperimentRunner(recipe.spec(), EIGHT, dir.resolve("local"), options).run();

        StandaloneCluster cluster = startOrSkip();
        RunSummary onCluster;
        try (cluster) {
            // The driver (this JVM) on loopback too; executors as small as the worker allows.
            Map<String, String> settings = Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
                    "spark.executor.memory", "512m");
            onCluster = assertTimeoutPreemptively(Duration.ofMinutes(4), () -> new SparkExperimentRunner().run(recipe, EIGHT,
                    dir.resolve("cluster"), options, cluster.masterUrl(), SparkExperimentRunner.DETACHED, settings),
                    () -> "the grid did not finish on " + cluster.masterUrl() + "\n" + cluster.logTails());
            assertTrue(executorRan(), "no executor ran on the worker\n" + cluster.logTails());
        }
        for (ProcessHandle process : cluster.processes()) {
            assertFalse(process.isAlive(), "still running after the cluster was stopped: " + process.info());
        }

        assertEquals(8, onCluster.variants().size());
        assertEquals("complete", onCluster.status());
        assertEquals(withoutTimes(local.variants()), withoutTimes(onCluster.variants()));
        RunDirectory expected = new RunDirectory(dir.resolve("local"));
        RunDirectory actual = new RunDirectory(dir.resolve("cluster"));
        for (VariantSummary v : local.variants()) {
            assertEquals(Files.readString(expected.metrics(v.name())), Files.readString(actual.metrics(v.name())), v.name());
            assertTrue(Files.isRegularFile(actual.result(v.name())), v.name());
        }
        for (String file : List.of(RunDirectory.SUMMARY_FILE, RunDirectory.CSV_FILE, RunDirectory.REPORT_FILE, RunDirectory.SPEC_FILE)) {
            assertTrue(Files.isRegularFile(actual.file(file)), file);
        }
        assertEquals(withoutTimes(onCluster.variants()), withoutTimes(actual.readSummary().variants()));
        assertEquals(Files.readAllLines(expected.file(RunDirectory.CSV_FILE)).size(), Files.readAllLines(actual.file(RunDirectory.CSV_FILE)).size());
        VariantSummary diverged = onCluster.variants().get(4);
        assertEquals("diverges,seed=0", diverged.name());
        assertEquals("failed", diverged.status());
        assertTrue(diverged.error().startsWith("training diverged at step "), diverged.error());
    }

    /** The cluster, or the test skipped (with the reason on stderr) when this machine cannot start a child JVM at all. */
    private static StandaloneCluster startOrSkip() throws IOException {
        try {
            Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            probe.waitFor();
        } catch (IOException e) {
            String reason = "StandaloneClusterTest skipped: cannot start a child JVM here (" + e.getMessage() + ")";
            System.err.println(reason);
            Assumptions.abort(reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return StandaloneCluster.start(CLUSTER_FOLDER, 2);
    }

    /** Whether the worker started an executor: its folder {@code work/app-…/N} holds the executor's stderr. */
    private static boolean executorRan() throws IOException {
        Path work = CLUSTER_FOLDER.resolve("work");
        try (var files = Files.walk(work)) {
            return files.anyMatch(p -> p.getFileName().toString().equals("stderr"));
        }
    }
}
