package dev.gradflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.diagnostics.Finding;
import dev.gradflow.diagnostics.LayerStats;
import dev.gradflow.diagnostics.ParameterStats;
import dev.gradflow.diagnostics.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    static StepRecord record(long step) {
        return new StepRecord(step, 0.5, 0.01, Double.NaN, false,
                List.of(new LayerStats("0", "linear", 0.1, 1.0, 0, 0, 2.5, 7.0)),
                List.of(new ParameterStats("0.weight", 0.3, 0.01, 0.1, 0.0, 0, 4.0, 0.004, 0.001)));
    }

    @Test
    void stepRecordsAreSnakeCaseWithNullForNaNAndRoundTrip(@TempDir Path dir) throws Exception {
        String json = Json.mapper().writeValueAsString(record(1));
        assertTrue(json.contains("\"pre_clip_norm\":null"), json);
        assertTrue(json.contains("\"grad_output_rms\":2.5"), json);
        Path f = dir.resolve("metrics.jsonl");
        try (MetricsJsonl sink = new MetricsJsonl(f, 10)) {
            sink.accept(record(1));
            sink.accept(record(2));
        }
        List<StepRecord> back = MetricsJsonl.read(f);
        assertEquals(2, back.size());
        assertEquals(record(2), back.get(1));
        assertTrue(Double.isNaN(back.get(0).preClipNorm()));
    }

    @Test
    void tornLastLineOfAKilledRunIsSkipped(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("metrics.jsonl");
        Files.writeString(f, Json.mapper().writeValueAsString(record(1)) + "\n{\"step\":2,\"lo");
        assertEquals(1, MetricsJsonl.read(f).size());
    }

    @Test
    void findingsUseLowerCaseKinds() throws Exception {
        Finding f = new Finding(Finding.Kind.DEAD_RELU, Finding.Severity.WARNING, List.of("1"), Map.of("dead_fraction_1", 0.8),
                "cause", List.of(new Finding.Remedy("do", "because")));
        String json = Json.mapper().writeValueAsString(f);
        assertTrue(json.contains("\"kind\":\"dead_relu\"") && json.contains("\"severity\":\"warning\""), json);
        assertEquals(f, Json.mapper().readValue(json, Finding.class));
    }
}
