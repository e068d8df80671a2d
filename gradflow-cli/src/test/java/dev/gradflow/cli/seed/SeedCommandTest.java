package dev.gradflow.cli.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradflow.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedCommandTest {
    private static final int STEPS = 15;

    @TempDir
    Path dir;

    @Test
    void jsonHasOneRunPerOptimizerAndEveryLossDecreases() throws IOException {
        Path json = dir.resolve("seed.json");
        CliRun run = CliRun.of("seed", "--steps", Integer.toString(STEPS), "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(0, root.get("seed").asLong());
        JsonNode runs = root.get("runs");
        assertEquals(4, runs.size());
        List<String> optimizers = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (JsonNode r : runs) {
            optimizers.add(r.get("optimizer").asText());
            rates.add(r.get("lr").asDouble());
            assertEquals(List.of("optimizer", "lr", "steps", "loss_initial", "loss_final", "grad_norms_first_step", "grad_norms_last_step",
                    "first_to_last_grad_ratio_first_step", "first_to_last_grad_ratio_last_step", "update_ratio_first_step",
                    "update_ratio_last_step", "update_ratio_mean", "findings"), fieldNames(r));
            double ratio = r.get("first_to_last_grad_ratio_first_step").asDouble();
            assertEquals(r.get("grad_norms_first_step").get("0.weight").asDouble() / r.get("grad_norms_first_step").get("4.weight").asDouble(),
                    ratio, 1e-9 * ratio);
            assertTrue(r.get("update_ratio_mean").get("0.weight").asDouble() > 0, r.toString());
            assertTrue(r.get("findings").isArray());
            assertEquals(STEPS, r.get("steps").asInt());
            assertTrue(r.get("loss_final").asDouble() < r.get("loss_initial").asDouble(), r.toString());
            for (String key : List.of("grad_norms_first_step", "grad_norms_last_step")) {
                assertEquals(List.of("0.weight", "2.weight", "4.weight"), fieldNames(r.get(key)));
                r.get(key).forEach(norm -> assertTrue(norm.asDouble() > 0 && Double.isFinite(norm.asDouble()), r.toString()));
            }
            // Same initial weights for every run: the same loss and gradients at step 1.
            assertEquals(runs.get(0).get("loss_initial"), r.get("loss_initial"));
            assertEquals(runs.get(0).get("grad_norms_first_step"), r.get("grad_norms_first_step"));
        }
        assertEquals(List.of("sgd", "adam", "adam", "adam"), optimizers);
        assertEquals(List.of(0.01, 0.01, 0.001, 0.0001), rates);

        assertTrue(run.out().contains("weight-gradient L2 norm at step 1"), run.out());
        assertTrue(run.out().contains("at step " + STEPS), run.out());
        assertEquals(2, run.out().lines().filter(l -> l.startsWith("optimizer ")).count(), run.out());
        assertTrue(run.out().contains("Did Adam solve vanishing gradients in this network?"), run.out());
        assertTrue(run.out().contains("it does not repair gradient flow"), run.out());
    }

    @Test
    void sameSeedGivesTheSameJsonAndAnotherSeedDoesNot() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Path c = dir.resolve("c.json");
        assertEquals(0, CliRun.of("seed", "--steps", "3", "--seed", "7", "--json", a.toString()).exitCode());
        assertEquals(0, CliRun.of("seed", "--steps", "3", "--seed", "7", "--json", b.toString()).exitCode());
        assertEquals(0, CliRun.of("seed", "--steps", "3", "--seed", "8", "--json", c.toString()).exitCode());
        assertEquals(Files.readString(a), Files.readString(b));
        assertNotEquals(Files.readString(a), Files.readString(c));
    }

    @Test
    void badStepsIsAOneLineUsageError() {
        CliRun run = CliRun.of("seed", "--steps", "0");
        assertEquals(2, run.exitCode());
        assertEquals("gradflow: --steps must be at least 1, got 0 (see 'gradflow seed --help')", run.err().strip());
        CliRun notANumber = CliRun.of("seed", "--steps", "many");
        assertEquals(2, notANumber.exitCode());
        assertEquals(1, notANumber.err().strip().lines().count(), notANumber.err());
    }

    @Test
    void unwritableJsonPathFailsBeforeTrainingWithOneLine() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Path target = file.resolve("out.json");
        CliRun run = CliRun.of("seed", "--json", target.toString());
        assertEquals(1, run.exitCode());
        assertEquals("gradflow: cannot write " + target + ": " + file + " is a file, not a directory", run.err().strip());
        assertEquals("", run.out(), "nothing ran");
    }

    @Test
    void helpDescribesTheExperiment() {
        CliRun run = CliRun.of("seed", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--steps"), run.out());
        assertTrue(run.out().contains("--json=FILE"), run.out());
        assertTrue(CliRun.of("--help").out().contains("seed"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
