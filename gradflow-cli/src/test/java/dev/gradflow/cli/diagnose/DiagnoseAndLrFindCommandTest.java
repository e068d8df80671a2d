package dev.gradflow.cli.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradflow.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnoseAndLrFindCommandTest {
    @TempDir
    Path dir;

    private Path spec(String yaml) throws Exception {
        return Files.writeString(dir.resolve("model.yaml"), yaml);
    }

    @Test
    void diagnoseFlagsADeepSigmoidStackAndWritesJson() throws Exception {
        StringBuilder yaml = new StringBuilder("input: 8\nlayers:\n");
        for (int i = 0; i < 8; i++) yaml.append("  - linear: {out: 16}\n  - sigmoid\n");
        yaml.append("  - linear: {out: 1}\n");
        Path json = dir.resolve("d.json");
        CliRun run = CliRun.of("diagnose", "--model", spec(yaml.toString()).toString(), "--batches", "1", "--seeds", "1", "--batch", "32",
                "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("vanishing at 0"), run.out());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(17, root.get("layers").size());
        assertEquals("vanishing", root.get("findings").get(0).get("kind").asText());
    }

    @Test
    void diagnoseReadsACsvBatch() throws Exception {
        Path csv = Files.writeString(dir.resolve("batch.csv"), "a,b,y\n1,2,0.5\n3,4,1.5\n-1,0,0\n");
        CliRun run = CliRun.of("diagnose", "--model", spec("input: 2\nlayers:\n  - linear: {out: 1}\n").toString(), "--data", csv.toString(), "--seeds", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("(one run)"), run.out());
    }

    @Test
    void specErrorsAreOneLineWithTheirPlace() throws Exception {
        CliRun run = CliRun.of("diagnose", "--model", spec("input: 2\nlayers:\n  - linear: {outt: 1}\n").toString());
        assertEquals(1, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("model.yaml:3:") && run.err().contains("unknown key 'outt'"), run.err());
    }

    @Test
    void lrFindPrintsSuggestionsAndJson() throws Exception {
        Path json = dir.resolve("lr.json");
        CliRun run = CliRun.of("lr-find", "--model", spec("input: 4\nlayers:\n  - linear: {out: 16}\n  - relu\n  - linear: {out: 1}\n").toString(),
                "--data", "synthetic:linear?n=200&d=4", "--steps", "40", "--batch", "50", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("valley"), run.out());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertTrue(root.get("suggestions").get("valley").asDouble() > 0);
        assertEquals(root.get("curve").get("lr").size(), root.get("curve").get("smoothed").size());
    }
}
