package dev.gradflow.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.diagnostics.StepRecord;
import dev.gradflow.report.Json;
import dev.gradflow.report.MetricsJsonl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {
    private static final List<String> NAMES = List.of("base", "adam-dropout", "diverges", "norm=batchnorm,connections=residual");

    @TempDir
    Path dir;

    @Test
    void sameSpecGivesTheSameNumbersWithOneOrTwoWorkers() throws IOException {
        RunSummary one = TinyExperiments.run(TinyExperiments.FOUR, dir.resolve("one"), 1);
        RunSummary two = TinyExperiments.run(TinyExperiments.FOUR, dir.resolve("two"), 2);
        assertEquals(withoutTimes(one), withoutTimes(two));
        for (String name : NAMES) {
            Path a = new RunDirectory(dir.resolve("one")).metrics(name);
            Path b = new RunDirectory(dir.resolve("two")).metrics(name);
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), name);
        }
        // different seeds give different numbers
        RunSummary other = TinyExperiments.run(TinyExperiments.FOUR + "seeds: [5]\n", dir.resolve("other"), 2);
        assertNotEquals(one.variants().getFirst().lossInitial(), other.variants().getFirst().lossInitial());
    }

    /** The summary without wall times and provenance, as JSON text. */
    private static String withoutTimes(RunSummary summary) throws IOException {
        List<VariantSummary> variants = new ArrayList<>();
        for (VariantSummary v : summary.variants()) {
            variants.add(new VariantSummary(v.name(), v.overrides(), v.status(), v.error(), v.steps(), v.lossInitial(), v.lossFinal(),
                    v.accuracy(), v.firstLayerGradInit(), v.firstLayerGradEnd(), v.firstLayerBackpropInit(), v.firstLayerBackpropEnd(),
                    v.decadesPerLayerInit(), v.decadesPerLayerEnd(), v.findings(), 0, v.seed(), v.learningRate(), v.testLoss(),
                    v.testAccuracy(), v.stopReason()));
        }
        return Json.mapper().writeValueAsString(new RunSummary(summary.experiment(), summary.description(), summary.status(), variants,
                null, summary.axes()));
    }

    @Test
    void writesTheRunDirectoryAsRunSummaryDescribesIt() throws IOException {
        Path root = dir.resolve("run");
        RunSummary summary = TinyExperiments.run(TinyExperiments.FOUR, root, 2);
        RunDirectory run = new RunDirectory(root);

        assertEquals(TinyExperiments.FOUR, Files.readString(root.resolve("spec.yaml")));
        RunState state = run.readState();
        assertEquals("complete", state.status());
        assertEquals(NAMES, state.variants().stream().map(RunState.Planned::name).toList());
        assertEquals(Set.copyOf(NAMES), Set.copyOf(state.finished()));
        assertEquals(ProcessHandle.current().pid(), state.pid());

        RunSummary read = run.readSummary();
        assertEquals(Json.mapper().writeValueAsString(summary), Json.mapper().writeValueAsString(read));
        assertEquals("tiny", read.experiment());
        assertEquals("four small variants", read.description());
        assertEquals("complete", read.status());
        assertEquals(NAMES, read.variants().stream().map(VariantSummary::name).toList());
        for (String key : List.of("gradflow", "java", "os", "cpu", "kernels", "parallel_variants", "seeds", "started", "ended")) {
            assertTrue(read.provenance().containsKey(key), key + " in " + read.provenance());
        }
        assertEquals(List.of("batchnorm"), read.axes().get("model.mlp.norm"));

        for (VariantSummary v : read.variants()) {
            assertEquals(Json.mapper().writeValueAsString(v), Json.mapper().writeValueAsString(run.readResult(v.name()).orElseThrow()));
            List<StepRecord> records = MetricsJsonl.read(run.metrics(v.name()));
            assertFalse(records.isEmpty(), v.name());
            assertEquals(1, records.getFirst().step());
            if (v.status().equals("complete")) {
                assertEquals(List.of(1L, 6L, 11L, 16L), records.stream().map(StepRecord::step).toList());
                assertEquals(20, v.steps());
                assertEquals("budget_exhausted", v.stopReason());
                assertTrue(Double.isFinite(v.lossFinal()) && Double.isFinite(v.firstLayerGradEnd()), v.toString());
                // the summary's numbers are the probes' numbers
                assertEquals(records.getFirst().loss(), v.lossInitial());
                assertEquals(records.getFirst().parameters().getFirst().gradL2(), v.firstLayerGradInit());
                assertEquals(records.getFirst().layers().getFirst().gradOutputRms(), v.firstLayerBackpropInit());
                assertEquals(records.getLast().layers().getFirst().gradOutputRms(), v.firstLayerBackpropEnd());
            }
        }
        VariantSummary adam = read.variants().get(1);
        assertEquals(0.01, adam.learningRate());
        assertEquals("adam", adam.overrides().get("training.optimizer"));

        List<String> csv = Files.readAllLines(root.resolve("summary.csv"), StandardCharsets.UTF_8);
        assertEquals(1 + NAMES.size(), csv.size());
        assertTrue(csv.getFirst().startsWith("name,seed,status,steps,learning_rate,loss_initial,loss_final,accuracy"), csv.getFirst());
        assertTrue(csv.getFirst().endsWith(",error,training.optimizer,training.lr,model.mlp.dropout,model.mlp.norm,model.mlp.connections"),
                csv.getFirst());
        assertTrue(csv.get(4).startsWith("\"norm=batchnorm,connections=residual\",0,complete,20,0.05,"), csv.get(4));
        assertTrue(Files.readString(root.resolve("summary.csv")).contains("\r\n"));
        String report = Files.readString(root.resolve("report.html"));
        assertTrue(report.startsWith("<!DOCTYPE html>") && report.contains("norm=batchnorm,connections=residual"), report.substring(0, 200));

        try (Stream<Path> files = Files.list(root)) {
            assertEquals(Set.of("spec.yaml", "run.json", "summary.json", "summary.csv", "variants", "report.html"),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()));
        }
    }

    @Test
    void aDivergingVariantIsRecordedAsFailedAndTheOthersComplete() throws IOException {
        RunSummary summary = TinyExperiments.run(TinyExperiments.FOUR, dir.resolve("run"), 2);
        assertEquals("complete", summary.status());
        VariantSummary failed = summary.variants().get(2);
        assertEquals("failed", failed.status());
        assertEquals("diverged", failed.stopReason());
        assertTrue(failed.error().startsWith("training diverged at step "), failed.error());
        assertTrue(failed.steps() < 20, failed.toString());
        assertTrue(Double.isNaN(failed.lossFinal()));
        for (int i : List.of(0, 1, 3)) assertEquals("complete", summary.variants().get(i).status(), summary.variants().get(i).name());
        JsonNode json = Json.mapper().readTree(dir.resolve("run/summary.json").toFile());
        assertTrue(json.get("variants").get(2).get("loss_final").isNull());
    }

    @Test
    void anInterruptedRunIsRecognizedAndItsMissingVariantsNamed() throws Exception {
        Path root = dir.resolve("run");
        TinyExperiments.run(TinyExperiments.FOUR, root, 2);
        RunDirectory run = new RunDirectory(root);
        // Simulate a run killed after two variants: run.json still says running, for a process that is gone.
        Process gone = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        RunState state = run.readState();
        RunFiles.writeJson(root.resolve("run.json"), new RunState(state.experiment(), "running", state.variants(),
                List.of("base", "diverges"), state.started(), state.updated(), gone.pid(), state.host()));
        Files.delete(run.result("adam-dropout"));
        Files.delete(run.result("norm=batchnorm,connections=residual"));

        RunDirectory.Inspection before = run.inspect();
        assertFalse(before.running());
        assertEquals(List.of("adam-dropout", "norm=batchnorm,connections=residual"), before.missing());
        assertEquals("incomplete", before.summary().status());

        RunDirectory.Inspection settled = run.settle();
        assertEquals("incomplete", run.readState().status());
        RunSummary summary = run.readSummary();
        assertEquals("incomplete", summary.status());
        assertEquals(List.of("complete", "missing", "failed", "missing"), summary.variants().stream().map(VariantSummary::status).toList());
        assertEquals("adam", summary.variants().get(1).overrides().get("training.optimizer"));
        assertTrue(Files.readString(root.resolve("summary.csv")).contains("adam-dropout,0,missing,"));
        assertFalse(summary.provenance().isEmpty());
        assertEquals(settled.missing(), before.missing());
    }

    @Test
    void aRunStillGoingIsLeftAlone() throws IOException {
        Path root = dir.resolve("run");
        TinyExperiments.run(TinyExperiments.FOUR, root, 1);
        RunDirectory run = new RunDirectory(root);
        RunState state = run.readState();
        RunFiles.writeJson(root.resolve("run.json"), new RunState(state.experiment(), "running", state.variants(), List.of(),
                state.started(), state.updated(), ProcessHandle.current().pid(), state.host()));
        RunDirectory.Inspection inspection = run.settle();
        assertTrue(inspection.running());
        assertEquals("running", run.readState().status());
    }

    @Test
    void aModelThatDoesNotFitItsDataFailsBeforeAnythingIsWritten() {
        String yaml = TinyExperiments.FOUR.replace("mlp: {input: 4,", "mlp: {input: 5,");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TinyExperiments.run(yaml, dir.resolve("run"), 2));
        assertTrue(e.getMessage().startsWith("variant base: the model does not fit the data synthetic:linear?n=64&d=4: "), e.getMessage());
        assertFalse(Files.exists(dir.resolve("run")));
    }

    @Test
    void aNonEmptyDirectoryIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("run/old.txt"), "x");
        IOException e = assertThrows(IOException.class, () -> TinyExperiments.run(TinyExperiments.FOUR, dir.resolve("run"), 1));
        assertTrue(e.getMessage().contains("already exists and is not empty"), e.getMessage());
    }

    @Test
    void theRangeTestIsRecordedAndItsSuggestionUsed() throws IOException {
        String yaml = """
                name: find
                data: {train: "synthetic:moons?n=256", test: "synthetic:moons?n=64&seed=3"}
                model:
                  mlp: {input: 2, width: 16, depth: 2, activation: relu, init: he_normal, output: 2}
                  loss: cross_entropy
                training:
                  optimizer: adam
                  steps: 30
                  batch_size: 32
                  validation: 0.25
                  lr_find: {start: 1.0e-5, end: 10, steps: 40}
                  schedule: {kind: cosine, warmup: 5}
                """;
        RunSummary summary = TinyExperiments.run(yaml, dir.resolve("run"), 1);
        VariantSummary v = summary.variants().getFirst();
        assertEquals("complete", v.status(), v.error());
        LearningRateSearch search = RunFiles.readJson(new RunDirectory(dir.resolve("run")).lrFind("base"), LearningRateSearch.class);
        assertEquals("adam", search.optimizer());
        assertEquals("valley", search.use());
        assertEquals(search.valley(), search.learningRate());
        assertEquals(search.valley(), v.learningRate());
        assertEquals(search.lrs().size(), search.losses().size());
        assertTrue(search.lrs().size() >= 3 && search.lrs().size() <= 40, search.toString());
        assertEquals(1e-5, search.lrs().getFirst(), 1e-12);
        // classification: accuracy on the validation split, and the test data's metrics
        assertTrue(v.accuracy() >= 0 && v.accuracy() <= 1, v.toString());
        assertTrue(Double.isFinite(v.testLoss()) && v.testAccuracy() >= 0 && v.testAccuracy() <= 1, v.toString());
        assertNull(v.error());
    }
}
