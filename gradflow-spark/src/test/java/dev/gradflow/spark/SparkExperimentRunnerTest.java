package dev.gradflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.lab.DetachedRun;
import dev.gradflow.lab.ExperimentRecipe;
import dev.gradflow.lab.ExperimentRunner;
import dev.gradflow.lab.RunDirectory;
import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.VariantOutcome;
import dev.gradflow.lab.VariantSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkExperimentRunnerTest {
    /** Four variants (one diverges) × two seeds = 8 runs on 64 rows, 20 mini-batch steps each. */
    static final String EIGHT = """
            name: tiny
            data: synthetic:linear?n=64&d=4
            model:
              mlp: {input: 4, width: 8, depth: 3, activation: tanh}
              loss: mse
            training: {optimizer: sgd, lr: 0.05, steps: 20, batch_size: 16, evaluation_interval: 10}
            probes: {interval: 5}
            seeds: [0, 1]
            grid:
              - name: base
              - name: adam
                set: {training.optimizer: adam, training.lr: 0.01, model.mlp.dropout: 0.2}
              - name: diverges
                set: {training.lr: 1.0e+9}
              - product:
                  model.mlp.norm: [batchnorm]
            """;

    @TempDir
    Path dir;

    @Test
    void sparkRunGivesTheLocalRunsNumbersAndFiles() throws IOException {
        ExperimentRecipe recipe = new ExperimentRecipe(EIGHT, "tiny.yaml", List.of(), 0);
        ExperimentRunner.Options options = ExperimentRunner.Options.defaults().withParallelism(2);
        RunSummary local = new ExperimentRunner(recipe.spec(), EIGHT, dir.resolve("local"), options).run();
        RunSummary spark = new SparkExperimentRunner().run(recipe, EIGHT, dir.resolve("spark"), options, "local[2]");

        assertEquals(8, spark.variants().size());
        assertEquals("complete", spark.status());
        assertEquals(withoutTimes(local.variants()), withoutTimes(spark.variants()));
        RunDirectory a = new RunDirectory(dir.resolve("local"));
        RunDirectory b = new RunDirectory(dir.resolve("spark"));
        for (VariantSummary v : local.variants()) {
            assertEquals(Files.readString(a.metrics(v.name())), Files.readString(b.metrics(v.name())), v.name());
            assertTrue(Files.isRegularFile(b.result(v.name())), v.name());
        }
        for (String file : List.of(RunDirectory.SUMMARY_FILE, RunDirectory.CSV_FILE, RunDirectory.REPORT_FILE, RunDirectory.SPEC_FILE)) {
            assertTrue(Files.isRegularFile(b.file(file)), file);
        }
        assertEquals(withoutTimes(spark.variants()), withoutTimes(b.readSummary().variants()));
        VariantSummary diverged = spark.variants().get(4);
        assertEquals("diverges,seed=0", diverged.name());
        assertEquals("failed", diverged.status());
        assertTrue(diverged.error().startsWith("training diverged at step "), diverged.error());
    }

    @Test
    void aTaskThatKeepsFailingIsReportedFailedAndTheOthersComplete() throws IOException {
        ExperimentRecipe recipe = new ExperimentRecipe(EIGHT, "tiny.yaml", List.of(), 0).withSteps(5);
        RunSummary summary = new SparkExperimentRunner().run(recipe, EIGHT, dir.resolve("run"),
                ExperimentRunner.Options.defaults(), "local[2,2]", SparkExperimentRunnerTest::failsRunOneAlwaysAndRunTwoOnce);
        assertEquals("complete", summary.status());
        VariantSummary broken = summary.variants().get(1);
        assertEquals("base,seed=1", broken.name());
        assertEquals("failed", broken.status());
        assertEquals("failed on Spark after 2 attempts: run 1 breaks on attempt " + 1, broken.error());
        assertEquals("complete", summary.variants().get(2).status(), "run 2 succeeds when Spark retries it");
        assertEquals("complete", summary.variants().get(0).status());
        assertTrue(Files.isRegularFile(new RunDirectory(dir.resolve("run")).metrics("adam,seed=1")));
    }

    /** A small CSV file travels with the tasks: each task removes the file before training, and trains all the same. */
    @Test
    void aSmallFileDatasetTravelsWithTheTasks() throws IOException {
        Path csv = dir.resolve("rows.csv");
        StringBuilder rows = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < 48; i++) rows.append(i % 7).append(',').append(i % 5 - 2).append(',').append(i * 0.25).append(',').append(i % 3 * 0.5).append('\n');
        Files.writeString(csv, rows);
        String spec = """
                name: shipped
                data: csv:%s
                model:
                  mlp: {input: 3, width: 8, depth: 2, activation: tanh}
                  loss: mse
                training: {optimizer: adam, lr: 0.01, steps: 12, batch_size: 16, evaluation_interval: 6}
                seeds: [0, 1]
                grid:
                  - name: base
                  - name: sgd
                    set: {training.optimizer: sgd}
                """.formatted(csv.toAbsolutePath());
        ExperimentRecipe recipe = new ExperimentRecipe(spec, "shipped.yaml", List.of(), 0);
        ExperimentRunner.Options options = ExperimentRunner.Options.defaults().withParallelism(2);
        RunSummary local = new ExperimentRunner(recipe.spec(), spec, dir.resolve("local"), options).run();

        RunSummary spark = new SparkExperimentRunner().run(recipe, spec, dir.resolve("spark"), options, "local[2]", d -> {
            if (!d.shippedData().containsKey(d.recipe().spec().runs().get(d.index()).settings().data().train())) {
                throw new IllegalStateException("run " + d.index() + ": its data did not travel with it");
            }
            try {
                Files.deleteIfExists(Path.of(d.recipe().spec().runs().get(d.index()).settings().data().train().substring("csv:".length())));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return SparkExperimentRunner.DETACHED.train(d);
        });
        assertTrue(Files.notExists(csv), "the tasks removed the file before they trained");
        assertEquals("complete", spark.status());
        for (VariantSummary v : spark.variants()) assertEquals("complete", v.status(), v.name() + ": " + v.error());
        assertEquals(withoutTimes(local.variants()), withoutTimes(spark.variants()));
    }

    @Test
    void attemptsAreThoseSparkMakes() {
        assertEquals(1, SparkExperimentRunner.maxAttempts(SparkExperimentRunner.configuration("local", "x")));
        assertEquals(1, SparkExperimentRunner.maxAttempts(SparkExperimentRunner.configuration("local[2]", "x")));
        assertEquals(3, SparkExperimentRunner.maxAttempts(SparkExperimentRunner.configuration("local[2,3]", "x")));
        assertEquals(2, SparkExperimentRunner.maxAttempts(SparkExperimentRunner.configuration("local[*, 2]", "x")));
        assertEquals(4, SparkExperimentRunner.maxAttempts(SparkExperimentRunner.configuration("spark://host:7077", "x")));
        assertEquals(4, SparkExperimentRunner.maxAttempts(SparkExperimentRunner.configuration("local-cluster[2,1,1024]", "x")));
        var conf = SparkExperimentRunner.configuration("spark://host:7077", "x").set("spark.task.maxFailures", "7");
        assertEquals(7, SparkExperimentRunner.maxAttempts(conf));
    }

    private static VariantOutcome failsRunOneAlwaysAndRunTwoOnce(SparkExperimentRunner.Descriptor d) {
        int attempt = TaskContext.get().attemptNumber();
        if (d.index() == 1 || (d.index() == 2 && attempt == 0)) {
            throw new IllegalStateException("run " + d.index() + " breaks on attempt " + attempt);
        }
        return DetachedRun.run(d.recipe(), d.index(), d.datasetsRoot());
    }

    /** The summaries without their wall times, which differ from run to run. */
    static List<VariantSummary> withoutTimes(List<VariantSummary> variants) {
        List<VariantSummary> out = new ArrayList<>();
        for (VariantSummary v : variants) {
            out.add(new VariantSummary(v.name(), v.overrides(), v.status(), v.error(), v.steps(), v.lossInitial(), v.lossFinal(),
                    v.accuracy(), v.firstLayerGradInit(), v.firstLayerGradEnd(), v.firstLayerBackpropInit(), v.firstLayerBackpropEnd(),
                    v.decadesPerLayerInit(), v.decadesPerLayerEnd(), v.findings(), 0, v.seed(), v.learningRate(), v.testLoss(),
                    v.testAccuracy(), v.stopReason()));
        }
        return out;
    }
}
