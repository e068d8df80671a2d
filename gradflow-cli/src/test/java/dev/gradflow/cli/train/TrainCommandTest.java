package dev.gradflow.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.checkpoint.CheckpointStore;
import dev.gradflow.cli.CliRun;
import dev.gradflow.modelio.SavedModel;
import dev.gradflow.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    private static final String SPEC = """
            input: 4
            layers:
              - linear: {out: 16}
              - relu
              - dropout: {p: 0.1}
              - linear: {out: 1}
            loss: mse
            """;
    private static final String DATA = "synthetic:linear?n=200&d=4&noise=0.05";

    @TempDir
    Path dir;

    private Path spec() throws IOException {
        return Files.writeString(dir.resolve("model.yaml"), SPEC);
    }

    /** train SPEC --out OUT with this test's options, {@code extra} adding options or replacing their values. */
    private CliRun train(Path out, String... extra) throws IOException {
        Map<String, String> options = new java.util.LinkedHashMap<>(Map.of("--data", DATA, "--batch", "16", "--lr", "0.01",
                "--validation", "0.2", "--evaluation-interval", "25", "--checkpoint-every", "20"));
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < extra.length; i++) {
            if (extra[i].equals("--resume")) flags.add(extra[i]);
            else options.put(extra[i], extra[++i]);
        }
        List<String> args = new ArrayList<>(List.of("train", spec().toString(), "--out", out.toString()));
        options.forEach((name, value) -> args.addAll(List.of(name, value)));
        args.addAll(flags);
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static Map<String, Tensor> weights(Path out) {
        return SavedModel.load(out.resolve("model")).weights();
    }

    private static void assertSameWeights(Path expected, Path actual) {
        Map<String, Tensor> want = weights(expected);
        Map<String, Tensor> got = weights(actual);
        assertEquals(want.keySet(), got.keySet());
        want.forEach((name, t) -> assertArrayEquals(t.data(), got.get(name).data(), name));
    }

    @Test
    void trainsCheckpointsAndSavesTheModel() throws IOException {
        Path out = dir.resolve("run");
        CliRun run = train(out, "--steps", "50", "--keep", "2");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("step 25  epoch 3  loss "), run.out());
        assertTrue(lines.get(0).contains("  r2 ") && lines.get(0).contains("  val_loss ") && lines.get(0).contains("  val_r2 "), run.out());
        assertTrue(lines.get(1).startsWith("step 50  epoch 5  loss "), run.out());
        assertEquals("trained to step 50 (budget exhausted)", lines.get(2));
        assertEquals("model: " + out.resolve("model"), lines.get(3));

        assertEquals(List.of("step-000000040", "step-000000050"), names(CheckpointStore.checkpoints(out.resolve("checkpoints"))));
        SavedModel model = SavedModel.load(out.resolve("model"));
        assertEquals(List.of(4), model.spec().input());
        assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias"), List.copyOf(model.weights().keySet()).stream().sorted(
                Comparator.comparing((String s) -> s.charAt(0)).thenComparing(s -> s.endsWith("bias"))).toList());
        try (Stream<Path> entries = Files.list(out)) {
            assertEquals(List.of("checkpoints", "model"), entries.map(p -> p.getFileName().toString()).sorted().toList(), "no temporaries left");
        }
    }

    @Test
    void resumingAfterAnInterruptionGivesTheWeightsOfAnUninterruptedRun() throws IOException {
        Path whole = dir.resolve("whole");
        assertEquals(0, train(whole, "--steps", "70").exitCode());

        // An "interrupted" run: it got to step 45 (checkpoints at 20 and 40, then the final one at 45 is lost).
        Path interrupted = dir.resolve("interrupted");
        assertEquals(0, train(interrupted, "--steps", "45").exitCode());
        deleteTree(interrupted.resolve("checkpoints").resolve("step-000000045"));
        deleteTree(interrupted.resolve("model"));

        CliRun resumed = train(interrupted, "--steps", "70", "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming from " + interrupted.resolve("checkpoints").resolve("step-000000040") + " (step 40)"), resumed.err());
        assertTrue(resumed.out().contains("trained from step 40 to step 70 (budget exhausted)"), resumed.out());
        assertSameWeights(whole, interrupted);

        // A finished run goes on with a larger budget.
        CliRun longer = train(whole, "--steps", "90", "--resume");
        assertEquals(0, longer.exitCode(), longer.err());
        Path reference = dir.resolve("reference");
        assertEquals(0, train(reference, "--steps", "90").exitCode());
        assertSameWeights(reference, whole);
    }

    @Test
    void checkpointsCanFallAtTheEndOfEveryNthEpoch() throws IOException {
        Path out = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", spec().toString(), "--out", out.toString(), "--data", DATA, "--batch", "16",
                "--steps", "45", "--checkpoint-every-epochs", "2", "--keep", "5"));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        // 200 rows in batches of 16: 13 per epoch, so epochs 2 and 4 end at steps 26 and 52 > 45; then the end.
        assertEquals(List.of("step-000000026", "step-000000045"), names(CheckpointStore.checkpoints(out.resolve("checkpoints"))));
    }

    @Test
    void aUsedDirectoryNeedsResumeAndResumeNeedsTheSameSettings() throws IOException {
        Path out = dir.resolve("run");
        assertEquals(0, train(out, "--steps", "20").exitCode());

        CliRun again = train(out, "--steps", "20");
        assertEquals(1, again.exitCode());
        assertEquals("gradflow: " + out + " already holds a training run (" + out.resolve("checkpoints")
                + "); pass --resume to continue it, or choose another --out", again.err().strip());

        CliRun otherRate = train(out, "--steps", "40", "--resume", "--lr", "0.1", "--seed", "3");
        assertEquals(1, otherRate.exitCode());
        assertEquals(1, otherRate.err().strip().lines().count(), otherRate.err());
        assertTrue(otherRate.err().contains("it was written with other settings: lr 0.01 (now 0.1), seed 0 (now 3); resume with the same spec and options"),
                otherRate.err());

        CliRun nothing = train(dir.resolve("empty"), "--resume");
        assertEquals(1, nothing.exitCode());
        assertEquals("gradflow: nothing to resume: " + dir.resolve("empty").resolve("checkpoints") + " holds no checkpoint", nothing.err().strip());
    }

    @Test
    void divergenceStopsNamingTheLayerAndTheLastGoodCheckpoint() throws IOException {
        Path out = dir.resolve("run");
        CliRun run = train(out, "--steps", "200", "--optimizer", "sgd", "--lr", "1e4", "--checkpoint-every", "1");
        assertEquals(1, run.exitCode(), run.out());
        String err = run.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("gradflow: training diverged at step "), err);
        assertTrue(err.contains("the first non-finite value: "), err);
        Path latest = CheckpointStore.latest(out.resolve("checkpoints")).orElseThrow();
        assertTrue(err.endsWith("The last good checkpoint is " + latest + "."), err);
        assertFalse(Files.exists(out.resolve("model")), "no model is saved from a diverged run");

        CliRun skipping = train(dir.resolve("skip"), "--steps", "200", "--optimizer", "sgd", "--lr", "1e4", "--on-non-finite", "skip");
        assertEquals(1, skipping.exitCode());
        assertTrue(skipping.err().contains("10 steps in a row were skipped"), skipping.err());
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        CliRun both = train(dir.resolve("a"), "--steps", "10", "--epochs", "2");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("give --steps or --epochs, not both"), both.err());
        CliRun policy = train(dir.resolve("b"), "--on-non-finite", "ignore");
        assertEquals(2, policy.exitCode());
        CliRun validation = train(dir.resolve("c"), "--validation", "1");
        assertEquals(2, validation.exitCode());
        assertTrue(validation.err().startsWith("gradflow: --validation: must be in [0, 1), got 1.0"), validation.err());
        CliRun optimizer = train(dir.resolve("c"), "--optimizer", "adamx");
        assertEquals(2, optimizer.exitCode());
        assertTrue(optimizer.err().startsWith("gradflow: --optimizer: unknown optimizer 'adamx'"), optimizer.err());
        CliRun twoSchedules = train(dir.resolve("c"), "--checkpoint-every-epochs", "2");
        assertEquals(2, twoSchedules.exitCode());
        assertTrue(twoSchedules.err().contains("give --checkpoint-every or --checkpoint-every-epochs, not both"), twoSchedules.err());
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("c")), "nothing is created for a usage error");
    }

    @Test
    void aBadSpecIsOneLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "input: 4\nlayers:\n  - linear: {outt: 1}\n");
        CliRun run = CliRun.of("train", bad.toString(), "--out", dir.resolve("run").toString(), "--data", DATA);
        assertEquals(1, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("bad.yaml:3:") && run.err().contains("unknown key 'outt'"), run.err());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
