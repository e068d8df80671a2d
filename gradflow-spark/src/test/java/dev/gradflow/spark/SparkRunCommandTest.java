package dev.gradflow.spark;

import static dev.gradflow.spark.SparkExperimentRunnerTest.withoutTimes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradflow.cli.GradflowCommand;
import dev.gradflow.lab.RunDirectory;
import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.VariantSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's command, {@code gradflow run SPEC --spark MASTER}, in-process: the command line finds this module's
 * runner through {@code ServiceLoader}, the tasks read a dataset file through {@code --datasets} by path, and
 * {@code --set}, {@code --steps} and the spec's seeds reach every task; the run directory equals a local run's.
 */
class SparkRunCommandTest {
    /** Two variants × two seeds = 4 runs on scikit-learn's iris (150 rows), read from {@code --datasets}. */
    static final String IRISES = """
            name: irises
            data: sklearn:iris
            model:
              mlp: {input: 4, width: 8, depth: 2, activation: relu, output: 3}
              loss: cross_entropy
            training: {optimizer: adam, lr: 0.01, steps: 200, batch_size: 32, evaluation_interval: 10}
            probes: {interval: 5}
            seeds: [0, 1]
            grid:
              - name: relu
              - name: tanh
                set: {model.mlp.activation: tanh}
            """;

    @TempDir
    Path dir;

    @Test
    void runWithSparkGivesTheLocalRunsDirectory() throws IOException, URISyntaxException {
        Path spec = Files.writeString(dir.resolve("irises.yaml"), IRISES);
        Path datasets = Path.of(getClass().getResource("/datasets/sklearn-small/iris.csv").toURI()).getParent().getParent();
        List<String> common = List.of("run", spec.toString(), "--datasets", datasets.toString(), "--set", "training.lr=0.02", "--steps", "30");

        run(common, "--out", dir.resolve("local").toString(), "--parallel", "2");
        run(common, "--out", dir.resolve("spark").toString(), "--spark", "local[2]");

        RunSummary local = new RunDirectory(dir.resolve("local")).readSummary();
        RunSummary spark = new RunDirectory(dir.resolve("spark")).readSummary();
        assertEquals(4, spark.variants().size());
        assertEquals(List.of("relu,seed=0", "relu,seed=1", "tanh,seed=0", "tanh,seed=1"),
                spark.variants().stream().map(VariantSummary::name).toList());
        for (VariantSummary v : spark.variants()) {
            assertEquals("complete", v.status(), v.name() + ": " + v.error());
            assertEquals(30, v.steps(), v.name());
            assertEquals(0.02, v.learningRate(), 1e-12, v.name());
        }
        assertEquals(withoutTimes(local.variants()), withoutTimes(spark.variants()));
        assertEquals("local[2]", spark.provenance().get("spark_master"));
        for (VariantSummary v : local.variants()) {
            assertEquals(Files.readString(new RunDirectory(dir.resolve("local")).metrics(v.name())),
                    Files.readString(new RunDirectory(dir.resolve("spark")).metrics(v.name())), v.name());
        }
    }

    private static void run(List<String> common, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = java.util.stream.Stream.concat(common.stream(), java.util.Arrays.stream(more)).toArray(String[]::new);
        int code = GradflowCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, () -> String.join(" ", args) + "\n" + out + err);
    }
}
