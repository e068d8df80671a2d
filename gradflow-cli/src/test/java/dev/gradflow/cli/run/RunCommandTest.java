package dev.gradflow.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradflow.cli.CliRun;
import dev.gradflow.lab.BuiltinExperiments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    static final String SPEC = """
            name: cli-tiny
            description: two small variants
            data: synthetic:linear?n=64&d=4
            model:
              mlp: {input: 4, width: 8, depth: 3, activation: sigmoid}
              loss: mse
            training: {optimizer: sgd, lr: 0.1, steps: 25, batch_size: 16}
            probes: {interval: 5}
            grid:
              - name: sigmoid
              - name: relu-he
                set: {model.mlp.activation: relu, model.mlp.init: he_normal}
            """;

    @TempDir
    Path dir;

    private Path spec(String text) throws IOException {
        return Files.writeString(dir.resolve("exp.yaml"), text);
    }

    @Test
    void runsASpecEndToEnd() throws IOException {
        Path out = dir.resolve("runs/first");
        CliRun run = CliRun.of("run", spec(SPEC).toString(), "--out", out.toString(), "--parallel", "2");
        assertEquals(0, run.exitCode(), run.err());
        List<String> table = run.out().strip().lines().toList();
        assertEquals(3, table.size(), run.out());
        assertTrue(table.get(0).startsWith("variant  "), table.get(0));
        assertTrue(table.get(0).contains("backprop@1") && table.get(0).contains("x sigmoid"), table.get(0));
        assertTrue(table.get(1).startsWith("sigmoid  ") && table.get(1).contains(" complete "), table.get(1));
        assertTrue(table.get(2).startsWith("relu-he  ") && table.get(2).contains(" complete "), table.get(2));
        // not a terminal: one progress line per ended variant, on stderr
        assertTrue(run.err().startsWith("cli-tiny: 2 variants x 1 seed, 2 at a time -> " + out), run.err());
        assertEquals(2, run.err().lines().filter(l -> l.matches("\\[[12]/2] .*: complete, loss .*")).count(), run.err());
        assertTrue(run.err().contains("run directory: " + out), run.err());

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("complete", summary.get("status").asText());
        assertEquals(2, summary.get("variants").size());
        assertEquals(25, summary.get("variants").get(1).get("steps").asInt());
        assertEquals(SPEC, Files.readString(out.resolve("spec.yaml")));
        for (String f : List.of("run.json", "summary.csv", "report.html", "variants/sigmoid/metrics.jsonl", "variants/relu-he/result.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }

        CliRun report = CliRun.of("report", out.toString());
        assertEquals(0, report.exitCode(), report.err());
        assertEquals(List.of("cli-tiny: complete, 2 variants", "wrote " + out.resolve("report.html")), report.err().strip().lines().toList());
        assertEquals(run.out().strip(), report.out().strip());
    }

    @Test
    void stepsAndSetOverrideEveryVariant() throws IOException {
        Path out = dir.resolve("quick");
        CliRun run = CliRun.of("run", spec(SPEC).toString(), "--out", out.toString(), "--parallel", "1", "--steps", "3",
                "--set", "training.lr=0.01", "--set", "seeds=[1, 2]");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("gradflow: --set seeds=[1, 2]:1:1: override 'seeds': only data, model, training and probes can be overridden, "
                + "not 'seeds' (on the command line: --seeds 1,2)", run.err().strip());

        run = CliRun.of("run", spec(SPEC).toString(), "--out", out.toString(), "--parallel", "1", "--steps", "3", "--set", "training.lr=0.01");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (JsonNode v : summary.get("variants")) {
            assertEquals(3, v.get("steps").asInt());
            assertEquals(0.01, v.get("learning_rate").asDouble());
        }
        assertEquals("training.lr=0.01", summary.get("provenance").get("overrides").asText());
    }

    @Test
    void seedsReplaceTheSpecsSeeds() throws IOException {
        Path out = dir.resolve("seeded");
        CliRun run = CliRun.of("run", spec(SPEC).toString(), "--out", out.toString(), "--parallel", "2", "--steps", "3", "--seeds", "3,4");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("cli-tiny: 2 variants x 2 seeds, 2 at a time"), run.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode v : summary.get("variants")) names.add(v.get("name").asText() + "/" + v.get("seed").asLong());
        assertEquals(List.of("sigmoid,seed=3/3", "sigmoid,seed=4/4", "relu-he,seed=3/3", "relu-he,seed=4/4"), names);
        assertEquals("[3, 4]", summary.get("provenance").get("seeds_override").asText());

        CliRun twice = CliRun.of("run", spec(SPEC).toString(), "--out", dir.resolve("twice").toString(), "--seeds", "1,1");
        assertTrue(twice.exitCode() != 0);
        assertTrue(twice.err().contains("--seeds [1, 1] lists a seed twice"), twice.err());
        assertFalse(Files.exists(dir.resolve("twice")));
    }

    @Test
    void aSpecErrorIsOneLineNamingFileLineAndKeyBeforeAnyTraining() throws IOException {
        Path file = spec(SPEC.replace("    set: {model.mlp.activation: relu,", "    set: {model.mlp.activaton: relu,"));
        Path out = dir.resolve("never");
        CliRun run = CliRun.of("run", file.toString(), "--out", out.toString());
        assertEquals(1, run.exitCode());
        assertEquals("gradflow: " + file + ":12:32: model.mlp.activaton: unknown key 'activaton'; allowed here: activation, connections, "
                + "depth, dropout, init, input, norm, output, width", run.err().strip());
        assertEquals("", run.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void anOccupiedOutputDirectoryFailsBeforeTraining() throws IOException {
        Path out = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out.resolve("x"), "x");
        CliRun run = CliRun.of("run", spec(SPEC).toString(), "--out", out.toString());
        assertEquals(1, run.exitCode());
        assertEquals("gradflow: --out " + out + ": already exists and is not empty", run.err().strip());
    }

    @Test
    void listsAndPrintsTheBuiltins() {
        CliRun list = CliRun.of("run", "--list");
        assertEquals(0, list.exitCode(), list.err());
        for (String name : BuiltinExperiments.NAMES) assertTrue(list.out().contains("\n  " + name + " "), name + " in " + list.out());
        assertTrue(list.out().contains("remedies     13 variants x 1 seed"), list.out());

        CliRun print = CliRun.of("run", "remedies", "--print-spec");
        assertEquals(0, print.exitCode(), print.err());
        assertEquals(BuiltinExperiments.yaml("remedies").orElseThrow(), print.out());

        CliRun unknown = CliRun.of("run", "remedys");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().startsWith("gradflow: no experiment file 'remedys' and no built-in experiment of that name; built-in: seed, "),
                unknown.err());
        assertEquals(2, CliRun.of("run").exitCode());
        assertEquals(2, CliRun.of("run", "seed", "--parallel", "0").exitCode());
    }

    @Test
    void reportOfAMissingDirectoryFails() {
        CliRun run = CliRun.of("report", dir.resolve("nothing").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no such run directory"), run.err());
        CliRun empty = CliRun.of("report", dir.toString());
        assertEquals(1, empty.exitCode());
        assertTrue(empty.err().contains("is not a run directory"), empty.err());
    }
}
