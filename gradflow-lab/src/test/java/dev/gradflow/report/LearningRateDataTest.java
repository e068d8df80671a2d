package dev.gradflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.lab.LearningRateSearch;
import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.VariantSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningRateDataTest {
    static VariantSummary variant(String name, Map<String, String> overrides, String status, double lossFinal) {
        return new VariantSummary(name, overrides, status, null, 10, 1.0, lossFinal, Double.NaN, 1e-3, 1e-3, 0.1, 0.1, -0.1, -0.1,
                List.of(), 1.0);
    }

    static Map<String, String> sweep(String optimizer, String lr) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("training.optimizer", optimizer);
        out.put("training.lr", lr);
        return out;
    }

    static LearningRateSearch search(String optimizer) {
        return new LearningRateSearch(optimizer, 1e-6, 10, 4, List.of(1e-6, 1e-4, 1e-2, 1.0), List.of(1.0, 0.9, 0.5, 7.0),
                List.of(1.0, 0.95, 0.7, 2.0), 1.2e-3, 3e-3, 1e-3, true, "valley", 1.2e-3);
    }

    static List<VariantSummary> lrRun() {
        return List.of(
                variant("find-adam", Map.of("training.optimizer", "adam", "training.lr_find", "{use: valley}"), "complete", 0.2),
                variant("optimizer=sgd,lr=0.1", sweep("sgd", "0.1"), "complete", 0.3),
                variant("optimizer=sgd,lr=0.001", sweep("sgd", "0.001"), "complete", 0.6),
                variant("optimizer=adam,lr=1.0", sweep("adam", "1.0"), "failed", Double.NaN),
                variant("optimizer=adam,lr=0.001", sweep("adam", "0.001"), "complete", 0.25),
                variant("lone", Map.of("training.lr", "0.5"), "complete", 0.4));
    }

    @Test
    void rangeTestsAndOneSweepLinePerOtherSettingSortedByRate() {
        LearningRateData data = LearningRateData.of(lrRun(), Map.of("find-adam", search("adam")));
        assertEquals(1, data.rangeTests().size());
        LearningRateData.RangeTest test = data.rangeTests().getFirst();
        assertEquals("find-adam", test.variant());
        assertEquals(1.2e-3, test.valley());
        assertEquals(0.2, test.lossFinal());
        assertEquals(List.of("optimizer=sgd", "optimizer=adam"), data.sweep().stream().map(LearningRateData.SweepLine::label).toList(),
                "the lone rate makes no line");
        assertEquals(List.of(0.001, 0.1), data.sweep().get(0).points().stream().map(LearningRateData.SweepPoint::rate).toList());
        assertEquals("failed", data.sweep().get(1).points().get(1).status());
    }

    @Test
    void neitherRangeTestNorSweepMeansNoLearningRateCharts() {
        assertNull(LearningRateData.of(List.of(variant("base", Map.of(), "complete", 0.1)), Map.of()));
    }

    @Test
    void theReportReadsLrFindJsonAndDrawsItsSection(@TempDir Path dir) throws IOException {
        SyntheticRun.write(dir, new RunSummary("lr", "", "complete", lrRun(), Map.of()), Map.of());
        Path folder = Files.createDirectories(dir.resolve("variants").resolve("find-adam"));
        Json.mapper().writeValue(folder.resolve("lr_find.json").toFile(), search("adam"));
        assertEquals(search("adam"), RunContents.load(dir).rangeTests().get("find-adam"));
        Document page = Jsoup.parse(Files.readString(ReportWriter.write(dir)));
        JsonNode data = Json.mapper().readTree(page.getElementById("report-data").data()).path("learning_rate");
        assertEquals(4, data.path("range_tests").get(0).path("lrs").size());
        assertEquals(2, data.path("sweep").size());
        assertEquals(1, page.select("#chart-lr-find").size());
        assertEquals(1, page.select("#chart-lr-sweep").size());
        assertEquals("1.20e-3", page.selectFirst(".suggestions td.used").text(), "the suggestion training used stands out");
        assertEquals(1, page.select("nav.toc a[href=#learning-rate]").size());
    }
}
