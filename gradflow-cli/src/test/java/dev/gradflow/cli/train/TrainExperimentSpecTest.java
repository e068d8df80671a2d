package dev.gradflow.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.checkpoint.CheckpointReader;
import dev.gradflow.checkpoint.CheckpointStore;
import dev.gradflow.cli.CliRun;
import dev.gradflow.modelio.SavedModel;
import dev.gradflow.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradflow train} on experiment specs, the format of {@code gradflow run}. */
class TrainExperimentSpecTest {
    /** Mini-batches, a validation split with early stopping, Adam, a warm-up-then-cosine schedule, L2, clipping and dropout. */
    private static final String EXPERIMENT = """
            name: moons
            data: {train: "synthetic:moons?n=300&seed=1", test: "synthetic:moons?n=100&seed=2"}
            model:
              input: 2
              layers:
                - linear: {out: 16}
                - relu
                - dropout: {p: 0.1}
                - linear: {out: 2}
              loss: cross_entropy
            training:
              optimizer: adam
              lr: 0.01
              schedule: {kind: cosine, warmup: 10}
              steps: 60
              batch_size: 32
              validation: 0.2
              early_stopping: {patience: 50}
              l2: 0.0001
              clip_norm: 5
              evaluation_interval: 20
            seeds: [4]
            """;

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static Map<String, Tensor> weights(Path out) {
        return SavedModel.load(out.resolve("model")).weights();
    }

    @Test
    void trainsTheOnlyVariantWithTheSpecsSeedAndReportsTheTestData() throws IOException {
        Path spec = write("moons.yaml", EXPERIMENT);
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("train", spec.toString(), "--out", out.toString(), "--checkpoint-every", "25");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("step 20  epoch 3  loss ") && lines.get(0).contains("  accuracy ") && lines.get(0).contains("  val_accuracy "),
                run.out());
        assertEquals("trained to step 60 (budget exhausted)", lines.get(3));
        assertTrue(lines.get(4).startsWith("test: loss ") && lines.get(4).contains(" accuracy "), run.out());
        var checkpoint = CheckpointReader.read(CheckpointStore.latest(out.resolve("checkpoints")).orElseThrow());
        assertEquals("4", checkpoint.run().get("seed"));
        assertEquals("synthetic:moons?n=100&seed=2", checkpoint.run().get("test_data"));
        assertTrue(checkpoint.run().get("schedule").contains("cosine"), checkpoint.run().toString());
        assertEquals(0.01, checkpoint.state().schedule().baseLearningRate());
    }

    @Test
    void resumingAnExperimentVariantEndsWhereTheUninterruptedRunEnds() throws IOException {
        Path spec = write("moons.yaml", EXPERIMENT);
        Path whole = dir.resolve("whole");
        assertEquals(0, CliRun.of("train", spec.toString(), "--out", whole.toString()).exitCode());

        Path interrupted = dir.resolve("interrupted");
        assertEquals(0, CliRun.of("train", spec.toString(), "--out", interrupted.toString(), "--checkpoint-every", "15").exitCode());
        // Lose everything after step 30 (the schedule is half-way, Adam's moments and the dropout stream are in flight).
        for (Path p : CheckpointStore.checkpoints(interrupted.resolve("checkpoints"))) {
            if (!p.getFileName().toString().equals("step-000000030")) deleteTree(p);
        }
        deleteTree(interrupted.resolve("model"));
        CliRun resumed = CliRun.of("train", spec.toString(), "--out", interrupted.toString(), "--checkpoint-every", "15", "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("trained from step 30 to step 60"), resumed.out());
        Map<String, Tensor> want = weights(whole);
        Map<String, Tensor> got = weights(interrupted);
        want.forEach((name, t) -> assertArrayEquals(t.data(), got.get(name).data(), name));
    }

    @Test
    void aGridNeedsAVariantAndSeveralSeedsNeedASeed() throws IOException {
        Path spec = write("grid.yaml", EXPERIMENT.replace("seeds: [4]\n", "seeds: [4, 5]\ngrid:\n  - name: adam\n  - name: sgd\n"
                + "    set: {training.optimizer: sgd, training.lr: 0.1}\n"));
        CliRun grid = CliRun.of("train", spec.toString(), "--out", dir.resolve("a").toString());
        assertEquals(1, grid.exitCode());
        assertEquals("gradflow: " + spec + " has a grid of 2 variants (adam, sgd); gradflow train trains one: choose it with --variant NAME,"
                + " or run them all with gradflow run", grid.err().strip());

        CliRun seeds = CliRun.of("train", spec.toString(), "--out", dir.resolve("a").toString(), "--variant", "sgd");
        assertEquals(1, seeds.exitCode());
        assertTrue(seeds.err().contains("lists 2 seeds [4, 5]; gradflow train runs one: choose it with --seed S"), seeds.err());

        CliRun unknown = CliRun.of("train", spec.toString(), "--out", dir.resolve("a").toString(), "--variant", "rmsprop");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("has no variant 'rmsprop'; its variants: adam, sgd"), unknown.err());

        Path out = dir.resolve("sgd");
        CliRun sgd = CliRun.of("train", spec.toString(), "--out", out.toString(), "--variant", "sgd", "--seed", "5", "--steps", "20",
                "--set", "training.lr=0.05");
        assertEquals(0, sgd.exitCode(), sgd.err());
        Map<String, String> recorded = CheckpointReader.read(CheckpointStore.latest(out.resolve("checkpoints")).orElseThrow()).run();
        assertEquals("sgd", recorded.get("optimizer"));
        assertEquals("0.05", recorded.get("lr"));
        assertEquals("5", recorded.get("seed"));
    }

    @Test
    void optionsOfTheOtherKindOfSpecAreUsageErrors() throws IOException {
        Path spec = write("moons.yaml", EXPERIMENT);
        CliRun run = CliRun.of("train", spec.toString(), "--out", dir.resolve("a").toString(), "--lr", "0.1", "--data", "synthetic:moons");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(spec + " is an experiment spec: set --data, --lr in it"), run.err());

        Path model = write("model.yaml", "input: 2\nlayers:\n  - linear: {out: 1}\n");
        CliRun variant = CliRun.of("train", model.toString(), "--out", dir.resolve("b").toString(), "--data", "synthetic:moons", "--variant", "x");
        assertEquals(2, variant.exitCode());
        assertTrue(variant.err().contains(model + " is a model spec: --variant apply to experiment specs only"), variant.err());
        CliRun noData = CliRun.of("train", model.toString(), "--out", dir.resolve("b").toString());
        assertEquals(2, noData.exitCode());
        assertTrue(noData.err().contains("give the data to train on with --data URI|FILE"), noData.err());
    }

    @Test
    void theRangeTestIsLeftToGradflowRun() throws IOException {
        Path spec = write("find.yaml", EXPERIMENT.replace("  lr: 0.01\n", "  lr: 0.01\n  lr_find: {steps: 20}\n"));
        CliRun run = CliRun.of("train", spec.toString(), "--out", dir.resolve("a").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("does not run the learning-rate range test (training.lr_find)"), run.err());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
