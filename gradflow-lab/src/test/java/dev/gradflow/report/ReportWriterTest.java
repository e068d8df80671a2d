package dev.gradflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.diagnostics.StepRecord;
import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.VariantSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    static Document parse(Path report) throws IOException {
        return Jsoup.parse(Files.readString(report, StandardCharsets.UTF_8));
    }

    static JsonNode chartData(Document page) throws IOException {
        Element script = page.getElementById("report-data");
        assertEquals("application/json", script.attr("type"));
        return Json.mapper().readTree(script.data());
    }

    @Test
    void reportIsOneSelfContainedPageWithTheChartLibraryInlined(@TempDir Path dir) throws IOException {
        Path report = ReportWriter.write(SyntheticRun.writeMixedRun(dir, 120));
        assertEquals(dir.resolve("report.html"), report);
        String html = Files.readString(report, StandardCharsets.UTF_8);
        String echarts;
        try (InputStream in = ReportWriter.class.getResourceAsStream(ReportWriter.ECHARTS)) {
            echarts = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(echarts.length() > 500_000 && html.contains(echarts), "the whole of echarts.min.js is inlined");
        Document page = Jsoup.parse(html);
        assertTrue(page.select("script[src]").isEmpty(), "no script is loaded from elsewhere");
        for (Element link : page.select("link[href], img[src], iframe[src]")) {
            String target = link.hasAttr("href") ? link.attr("href") : link.attr("src");
            assertFalse(target.startsWith("http:") || target.startsWith("https:") || target.startsWith("//"), link.outerHtml());
        }
        assertFalse(Pattern.compile("<(script|link|img|iframe)[^>]*(src|href)=\"?(https?:)?//").matcher(html).find(), "no network reference");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "temp file moved");
        }
    }

    @Test
    void headerFindingsAndNoticesSayWhatHappenedInPlainWords(@TempDir Path dir) throws IOException {
        Document page = parse(ReportWriter.write(SyntheticRun.writeMixedRun(dir, 60)));
        assertEquals("activation-depth", page.selectFirst("h1").text());
        assertTrue(page.selectFirst(".page-header .pill").text().equals("incomplete"));
        String verdict = page.selectFirst(".verdict").text();
        assertTrue(verdict.startsWith("3 of 5 variants completed, 1 failed, 1 missing"), verdict);
        assertTrue(verdict.contains("critical findings in sigmoid (vanishing), relu-lr-1.0 (non_finite)"), verdict);

        Element notice = page.selectFirst(".notice");
        assertTrue(notice.text().contains("2 of 5 variants did not finish"), notice.text());
        assertTrue(notice.selectFirst(".variant-failed").text().contains("loss became NaN at step 37"), notice.text());
        assertTrue(notice.selectFirst(".variant-missing").text().startsWith("relu-deep is missing"), notice.text());
        assertTrue(notice.elementSiblingIndex() < page.getElementById("findings").elementSiblingIndex(), "notice comes first");

        List<Element> cards = page.select("#findings article.finding");
        assertEquals(3, cards.size());
        assertEquals(List.of("critical", "critical", "warning"), cards.stream().map(c -> c.selectFirst(".severity").text()).toList());
        Element vanishing = cards.get(0);
        assertEquals("Vanishing gradients", vanishing.selectFirst("h3").text());
        assertEquals("sigmoid", vanishing.selectFirst(".variant-tag").text());
        assertTrue(vanishing.selectFirst(".where").text().contains("layers 0, 2, 4"));
        assertTrue(vanishing.selectFirst(".evidence").text().contains("first to last weight grad ratio 3.20e-6"), vanishing.text());
        assertTrue(vanishing.selectFirst(".evidence").text().contains("weight layers 5"), vanishing.text());
        assertTrue(vanishing.selectFirst(".cause").text().contains("0.25^4"));
        assertEquals(3, vanishing.select(".remedies li").size(), "the top three remedies");
        assertTrue(vanishing.selectFirst(".remedies li").text().contains("use ReLU-family activations (ReLU, GELU, SiLU) with He init — their derivative is 1"));
        assertEquals("relu-lr-1.0", cards.get(1).selectFirst(".variant-tag").text());
        assertTrue(cards.get(1).selectFirst(".where").text().contains("the whole model"));
    }

    @Test
    void comparisonTableHasOneRowPerVariantWithFailedAndMissingMarked(@TempDir Path dir) throws IOException {
        Document page = parse(ReportWriter.write(SyntheticRun.writeMixedRun(dir, 60)));
        VariantSummary first = Json.mapper().readValue(dir.resolve("summary.json").toFile(), RunSummary.class).variants().get(0);
        List<Element> rows = page.select("#comparison tbody tr");
        assertEquals(List.of("sigmoid", "tanh", "relu", "relu-lr-1.0", "relu-deep"), rows.stream().map(r -> r.attr("data-variant")).toList());
        assertEquals(14, page.select("#comparison thead th").size());
        rows.forEach(r -> assertEquals(14, r.children().size(), r.outerHtml()));
        assertTrue(rows.get(3).hasClass("row-failed") && rows.get(4).hasClass("row-missing"));
        assertEquals("loss became NaN at step 37 (learning rate 1.0)", rows.get(3).child(1).attr("title"));
        Element sigmoid = rows.get(0);
        assertEquals("model.activation = sigmoid", sigmoid.selectFirst(".overrides").text());
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f %%", 100 * first.accuracy()), sigmoid.child(5).text());
        assertEquals(Double.toString(first.accuracy()), sigmoid.child(5).attr("data-sort"));
        assertTrue(sigmoid.child(6).text().matches("\\d\\.\\d\\de-\\d"), "gradients in scientific notation: " + sigmoid.child(6).text());
        assertEquals("12.5 s", sigmoid.child(13).text());
        assertEquals(List.of("vanishing", "saturation"), sigmoid.select(".tag").eachText());
        assertEquals("3", sigmoid.child(12).attr("data-sort"), "sorted by the worst finding");
        assertEquals("—", rows.get(4).child(4).text(), "NaN shows as a dash");
        assertEquals("", rows.get(4).child(4).attr("data-sort"));
    }

    @Test
    void embeddedChartDataParsesBackWithNullForNaN(@TempDir Path dir) throws IOException {
        JsonNode data = chartData(parse(ReportWriter.write(SyntheticRun.writeMixedRun(dir, 60))));
        JsonNode variants = data.get("variants");
        assertEquals(5, variants.size());
        JsonNode sigmoid = variants.get(0);
        assertEquals("sigmoid", sigmoid.get("name").asText());
        assertEquals(60, sigmoid.get("steps").size());
        assertEquals(9, sigmoid.get("layers").size(), "5 linear layers and 4 activations");
        assertEquals(List.of("0.weight", "2.weight", "4.weight", "6.weight", "8.weight"),
                sigmoid.get("weights").findValuesAsText("name"));
        JsonNode profile = sigmoid.get("profile_first");
        assertEquals(1, profile.get("step").asLong());
        assertEquals(5, profile.get("backprop_rms").size());
        assertTrue(profile.get("backprop_rms").get(0).asDouble() < profile.get("backprop_rms").get(4).asDouble() / 100,
                "the sigmoid stack's gradient shrinks towards the input");
        JsonNode failed = variants.get(3);
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.get("loss").get(39).isNull(), "NaN loss is null");
        assertTrue(failed.get("profile_last").get("weight_grad_l2").get(0).isNull());
        JsonNode missing = variants.get(4);
        assertEquals(0, missing.get("steps").size());
        assertTrue(missing.get("profile_first").isNull());
    }

    @Test
    void provenanceListsEveryKeyAndTheSpecCopy(@TempDir Path dir) throws IOException {
        Document page = parse(ReportWriter.write(SyntheticRun.writeMixedRun(dir, 20)));
        Element provenance = page.getElementById("provenance");
        assertEquals(List.of("gradflow_version", "jdk", "os", "kernel_provider", "seed", "started"), provenance.select("dt").eachText());
        assertEquals("SimdKernels", provenance.select("dd").get(3).text());
        Element spec = provenance.selectFirst("details.spec pre code");
        assertEquals(SyntheticRun.SPEC, spec.wholeText(), "spec.yaml verbatim, escaped");
        assertEquals(4, page.select("script").size(), "the spec's </script> did not end or open a script element");
    }

    @Test
    void scriptEndInNamesCannotBreakOutOfTheEmbeddedJson(@TempDir Path dir) throws IOException {
        String evil = "x</script><script>alert(1)</script>";
        List<StepRecord> records = SyntheticRun.records(10, 2, "relu", 1.0, 7, 0);
        VariantSummary v = SyntheticRun.complete(evil, "relu", List.of(), records);
        SyntheticRun.write(dir, new RunSummary(evil, evil, "complete", List.of(v), Map.of(evil, evil)),
                Map.of());
        String html = Files.readString(ReportWriter.write(dir), StandardCharsets.UTF_8);
        assertFalse(html.contains("<script>alert(1)"), "no injected script element");
        Document page = Jsoup.parse(html);
        assertEquals(evil, page.selectFirst("h1").text());
        assertEquals(evil, chartData(page).get("variants").get(0).get("name").asText());
        assertEquals(4, page.select("script").size(), "the error hook, the data, ECharts and the page script only");
    }

    @Test
    void longRunsAreDownSampledKeepingTheFirstAndLastStep(@TempDir Path dir) throws IOException {
        List<StepRecord> records = SyntheticRun.records(1000, 5, "tanh", 0.7, 11, 0);
        VariantSummary v = SyntheticRun.complete("long", "tanh", List.of(), records);
        SyntheticRun.write(dir, new RunSummary("long-run", "1,000 steps", "complete", List.of(v), Map.of()), Map.of("long", records));
        JsonNode long0 = chartData(parse(ReportWriter.write(dir))).get("variants").get(0);
        JsonNode steps = long0.get("steps");
        assertEquals(ChartData.LOSS_POINTS, steps.size());
        assertEquals(1, steps.get(0).asLong());
        assertEquals(1000, steps.get(steps.size() - 1).asLong());
        JsonNode layerSteps = long0.get("layer_steps");
        assertEquals(ChartData.LAYER_POINTS, layerSteps.size());
        assertEquals(1000, layerSteps.get(layerSteps.size() - 1).asLong());
        for (JsonNode layer : long0.get("layers")) assertEquals(ChartData.LAYER_POINTS, layer.get("grad_output_rms").size());
        assertEquals(1000, long0.get("profile_last").get("step").asLong(), "the profile uses the true last step");
    }

    @Test
    void twentyVariantsOfAThousandStepsAndElevenLayersStayUnderFiveMegabytes() {
        List<VariantSummary> variants = new ArrayList<>();
        Map<String, List<StepRecord>> records = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            String name = "variant-" + i;
            List<StepRecord> r = SyntheticRun.records(1000, 6, i % 2 == 0 ? "tanh" : "relu", 0.5 + 0.05 * i, i, 0);
            assertEquals(11, r.get(0).layers().size());
            records.put(name, r);
            variants.add(SyntheticRun.complete(name, "tanh", List.of(SyntheticRun.vanishing()), r));
        }
        RunSummary summary = new RunSummary("grid", "20 variants", "complete", variants, Map.of("seed", "1"));
        String html = ReportWriter.render(new RunContents(summary, records, Map.of(), SyntheticRun.SPEC));
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 5_000_000, "report is " + bytes + " bytes");
        assertEquals(20, Jsoup.parse(html).select("#comparison tbody tr").size());
    }

    @Test
    void runWithoutAnyMetricsStillGetsAReport(@TempDir Path dir) throws IOException {
        RunSummary summary = new RunSummary("interrupted", "", "incomplete",
                List.of(VariantSummary.missing("a", Map.of()), VariantSummary.missing("b", Map.of("x", "1"))), null);
        SyntheticRun.write(dir, summary, Map.of());
        Document page = parse(ReportWriter.write(dir));
        assertTrue(page.selectFirst(".notice h2").text().contains("2 of 2 variants did not finish"));
        assertEquals("No findings: no variant produced results.", page.selectFirst(".all-clear").text());
        assertEquals("0 of 2 variants completed, 2 missing · no gradient problems found", page.selectFirst(".verdict").text());
        assertEquals("The run recorded no provenance.", page.selectFirst("#provenance .caption").text());
        assertTrue(page.select("details.spec").isEmpty());
    }

    @Test
    void unreadableMetricsAreNamedInsteadOfFailingTheReport(@TempDir Path dir) throws IOException {
        List<StepRecord> records = SyntheticRun.records(5, 2, "relu", 1.0, 3, 0);
        SyntheticRun.write(dir, new RunSummary("e", "d", "complete", List.of(SyntheticRun.complete("a", "relu", List.of(), records)),
                Map.of()), Map.of());
        Path metrics = Files.createDirectories(dir.resolve("variants/a")).resolve("metrics.jsonl");
        Files.writeString(metrics, "{not json\n{\"step\":1}\n");
        Document page = parse(ReportWriter.write(dir));
        assertTrue(page.selectFirst(".notice .variant-unreadable").text().contains("line 1 is not a metrics record"));
    }

    @Test
    void aVariantNameThatLeavesTheVariantsFolderIsNotFollowed(@TempDir Path dir) throws IOException {
        List<StepRecord> records = SyntheticRun.records(5, 2, "relu", 1.0, 3, 0);
        SyntheticRun.write(dir.resolve("run"), new RunSummary("e", "d", "complete",
                List.of(SyntheticRun.complete("../../elsewhere", "relu", List.of(), records)), Map.of()), Map.of());
        Document page = parse(ReportWriter.write(dir.resolve("run")));
        assertTrue(page.selectFirst(".notice .variant-unreadable").text().contains("not a folder name under variants/"));
    }

    @Test
    void aDirectoryWithoutSummaryIsRefusedWithItsPath(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> ReportWriter.write(dir));
        assertTrue(e.getMessage().contains("summary.json") && e.getMessage().contains("not found"), e.getMessage());
    }
}
