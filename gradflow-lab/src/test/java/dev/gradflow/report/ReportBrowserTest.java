package dev.gradflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.lab.BuiltinExperiments;
import dev.gradflow.lab.DataSpec;
import dev.gradflow.lab.ExperimentRunner;
import dev.gradflow.lab.ExperimentSpec;
import dev.gradflow.lab.RunDirectory;
import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.SpecOverride;
import dev.gradflow.spec.YamlNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Opens generated reports in headless Chromium from disk (no network): the page's script must render every chart
 * without an error, which it records on {@code <html data-render>} and each chart's {@code data-painted} (it reads
 * the canvas pixels back), and the page must log nothing to the console. Every built-in experiment is run shrunk
 * (its own grid and models, {@value #STEPS} steps, probes at every step, its one seed; the MNIST and Fashion-MNIST
 * ones on the 1,000-image MNIST slice in the test resources) and its report checked the same way, with the
 * findings, the comparison table and the provenance present. Screenshots (light and dark for a made-up run, one
 * per built-in experiment) and the reports land in {@code target/report-screenshots/} for a person to look at.
 *
 * <p>One browser serves the whole class (over the DevTools protocol, {@link HeadlessChromium}). Skipped, with the
 * reason, where no Chromium is installed ({@code scripts/ensure-chromium.sh} installs it).
 */
class ReportBrowserTest {
    static final Path OUTPUT = Path.of("target", "report-screenshots");
    static final int WIDTH = 1400;
    static final int STEPS = 5;
    static HeadlessChromium browser;
    @TempDir
    static Path work;
    static Path report;

    @BeforeAll
    static void startBrowser() throws IOException, InterruptedException {
        Path executable = HeadlessChromium.find().orElse(null);
        if (executable == null) {
            String reason = "browser test skipped: no Chromium at /usr/bin/chromium or on the PATH (run scripts/ensure-chromium.sh)";
            System.err.println("ReportBrowserTest: " + reason);
            Assumptions.abort(reason);
        }
        browser = HeadlessChromium.start(executable, work.resolve("profile"));
        report = ReportWriter.write(SyntheticRun.writeMixedRun(work.resolve("run"), 300));
        Files.createDirectories(OUTPUT);
        Files.copy(report, OUTPUT.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterAll
    static void stopBrowser() throws InterruptedException {
        if (browser != null) browser.close();
    }

    /** The page's own verdict (every chart painted, no script error), the console, and each chart's canvas. */
    static Document assertRenderedCleanly(HeadlessChromium.Tab tab) throws IOException {
        Document dom = Jsoup.parse(tab.html());
        Element status = dom.getElementById("render-status");
        assertEquals("ok", dom.selectFirst("html").attr("data-render"), "render status: " + (status == null ? "none" : status.text())
                + "; " + dom.getElementById("script-error").text() + "; console: " + tab.consoleMessages());
        assertTrue(dom.getElementById("script-error").hasAttr("hidden"), dom.getElementById("script-error").text());
        assertEquals(List.of(), tab.consoleMessages(), "console messages");
        List<Element> charts = dom.select("div.chart");
        assertTrue(charts.size() >= 6, "the six charts every report has: " + charts.size());
        for (Element chart : charts) {
            assertEquals("true", chart.attr("data-painted"), chart.id() + " painted nothing");
            assertFalse(chart.select("canvas").isEmpty(), chart.id() + " has no canvas");
        }
        assertTrue(status.text().startsWith(charts.size() + " charts rendered"), status.text());
        return dom;
    }

    @Test
    void everyChartRendersWithoutErrorsAndTheTextSectionsArePresent() throws Exception {
        Path screenshot = OUTPUT.resolve("report.png");
        Files.deleteIfExists(screenshot);
        try (HeadlessChromium.Tab tab = browser.open(WIDTH, 1000, false)) {
            tab.load(report);
            Document dom = assertRenderedCleanly(tab);
            tab.screenshot(screenshot);
            assertEquals(6, dom.select("div.chart").size(), "no grid, no learning-rate charts for this run");
            assertNull(dom.getElementById("grid"));
            assertNull(dom.getElementById("learning-rate"));
            assertEquals(3, dom.select("#findings article.finding").size());
            assertEquals(5, dom.select("#comparison tbody tr").size());
            assertEquals(5, dom.select("#comparison .swatch").size(), "the script marked each row with its variant colour");
            assertEquals(5, dom.select("select.variant-select").first().select("option").size());
            assertTrue(dom.getElementById("heatmap-caption").text().contains("Glorot & Bengio 2010"));
        }
        assertTrue(Files.size(screenshot) > 50_000, "screenshot written: " + screenshot);
    }

    /** Clicks every toggle, shows every variant (missing ones too), then sorts the table by final loss. */
    static final String EXERCISE = """
            document.documentElement.setAttribute('data-render', 'pending');
            document.querySelectorAll('.segmented button').forEach(function (b) { b.click(); });
            document.querySelectorAll('.segmented button:first-child').forEach(function (b) { b.click(); });
            var select = document.querySelector('select.variant-select');
            for (var i = 0; i < select.options.length; i++) {
              select.value = String(i);
              select.dispatchEvent(new Event('change'));
            }
            document.querySelectorAll('#comparison thead th').forEach(function (th) { th.click(); th.click(); });
            document.querySelectorAll('#comparison thead th')[4].click();
            window.dispatchEvent(new Event('resize'));
            setTimeout(function () { window.gradflowReport.check(); }, 500);
            true""";

    @Test
    void everyControlRedrawsWithoutErrorsAndTheTableSorts() throws Exception {
        try (HeadlessChromium.Tab tab = browser.open(WIDTH, 1000, false)) {
            tab.load(report);
            tab.evaluate(EXERCISE);
            tab.awaitRendered();
            Document dom = assertRenderedCleanly(tab);
            assertEquals("relu-deep", dom.getElementById("layers").attr("data-variant"), "the last variant is shown");
            assertEquals("relu-deep", dom.getElementById("dynamics").attr("data-variant"));
            assertEquals(List.of("relu", "tanh", "sigmoid", "relu-lr-1.0", "relu-deep"),
                    dom.select("#comparison tbody tr").eachAttr("data-variant"), "ascending final loss, NaN last");
            assertEquals("ascending", dom.select("#comparison thead th").get(4).attr("aria-sort"));
        }
    }

    @Test
    void darkSchemeRendersWithoutErrors() throws Exception {
        Path screenshot = OUTPUT.resolve("report-dark.png");
        Files.deleteIfExists(screenshot);
        try (HeadlessChromium.Tab tab = browser.open(WIDTH, 1000, true)) {
            tab.load(report);
            assertRenderedCleanly(tab);
            assertTrue(tab.evaluate("matchMedia('(prefers-color-scheme: dark)').matches").asBoolean());
            tab.screenshot(screenshot);
        }
        assertTrue(Files.size(screenshot) > 50_000, "dark screenshot written: " + screenshot);
    }

    static Stream<String> builtins() {
        return BuiltinExperiments.NAMES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtins")
    void everyBuiltinExperimentsReportRendersCleanly(String name) throws Exception {
        Path runDirectory = work.resolve("builtin-" + name);
        RunSummary summary = runShrunk(name, runDirectory);
        Path page = runDirectory.resolve(RunDirectory.REPORT_FILE);
        assertTrue(Files.isRegularFile(page), "the runner wrote " + page);
        Path screenshot = OUTPUT.resolve("builtin-" + name + ".png");
        Files.deleteIfExists(screenshot);
        Document dom;
        try (HeadlessChromium.Tab tab = browser.open(WIDTH, 1000, false)) {
            tab.load(page);
            dom = assertRenderedCleanly(tab);
            tab.screenshot(screenshot);
            if (dom.getElementById("grid") != null) {
                tab.screenshotOf("grid", OUTPUT.resolve("builtin-" + name + "-grid.png"));
                // every measure of the heatmap once (the other controls are driven on the made-up run), then the page checks itself again
                tab.evaluate("""
                        document.documentElement.setAttribute('data-render', 'pending');
                        document.querySelectorAll('#grid .segmented button').forEach(function (b) { b.click(); });
                        setTimeout(function () { window.gradflowReport.check(); }, 200);
                        true""");
                tab.awaitRendered();
                assertRenderedCleanly(tab);
            }
            if (dom.getElementById("learning-rate") != null) tab.screenshotOf("learning-rate", OUTPUT.resolve("builtin-" + name + "-learning-rate.png"));
        }
        Files.copy(page, OUTPUT.resolve("builtin-" + name + ".html"), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(screenshot) > 30_000, "screenshot written: " + screenshot);

        assertEquals(name, dom.selectFirst("h1").text());
        Element findings = dom.getElementById("findings");
        assertNotNull(findings, "findings section");
        assertFalse(findings.select("article.finding, p.all-clear").isEmpty(), "findings or the all-clear: " + findings.text());
        assertEquals(summary.variants().size(), dom.select("#comparison tbody tr").size(), "one table row per variant");
        assertNotNull(dom.getElementById("provenance"), "provenance section");
        if (summary.variants().stream().anyMatch(v -> Double.isFinite(v.testAccuracy()))) {
            assertTrue(dom.select("#comparison thead th").eachText().contains("Test accuracy"), "the test split's accuracy has a column");
        }
        JsonNode data = Json.mapper().readTree(dom.getElementById("report-data").data());
        if (summary.axes().size() >= 2) {
            assertNotNull(dom.getElementById("chart-grid"), "a grid of " + summary.axes().keySet() + " gets the heatmap");
            long onTheGrid = summary.variants().stream().filter(v -> summary.axes().keySet().stream().allMatch(v.overrides()::containsKey)).count();
            assertEquals(onTheGrid, data.path("grid").path("cells").size(), "one cell per variant on the grid");
        } else {
            assertNull(dom.getElementById("chart-grid"), "no heatmap without a grid of two or more axes");
        }
        boolean rangeTests;
        try (Stream<Path> files = Files.list(runDirectory.resolve(RunDirectory.VARIANTS_FOLDER))) {
            rangeTests = files.anyMatch(f -> Files.isRegularFile(f.resolve(RunDirectory.LR_FIND_FILE)));
        }
        assertEquals(rangeTests, dom.getElementById("chart-lr-find") != null, "the range-test chart exactly when a variant ran one");
        if (name.equals("depth")) assertEquals(2, data.path("grid").path("axes").get(2).path("values").size(), "one panel per init");
        if (name.equals("lr")) {
            assertEquals(2, data.path("learning_rate").path("range_tests").size());
            assertEquals(2, data.path("learning_rate").path("sweep").size(), "one sweep line per optimizer");
            assertNotNull(dom.getElementById("chart-lr-sweep"));
        }
    }

    /**
     * Runs built-in experiment {@code name} with its own grid and models for {@value #STEPS} steps, probes at every
     * step; an experiment on MNIST or Fashion-MNIST reads the MNIST test slice of the test resources instead
     * (both splits, checksum skipped: the slice is not the published file).
     */
    static RunSummary runShrunk(String name, Path out) throws IOException, URISyntaxException {
        String yaml = BuiltinExperiments.yaml(name).orElseThrow();
        YamlNode root = YamlNode.parse(yaml, BuiltinExperiments.source(name));
        List<SpecOverride> overrides = new ArrayList<>(List.of(ExperimentSpec.commandLineOverride("probes.interval=1")));
        DataSpec data = ExperimentSpec.parse(root, List.of()).variants().getFirst().settings().data();
        if (data.train().startsWith("mnist:") || data.train().startsWith("fashion-mnist:")) {
            String slice = "'" + data.train().replace("split=train", "split=test") + "&checksum=skip'";
            overrides.add(ExperimentSpec.commandLineOverride("data={train: " + slice + ", test: " + slice + "}"));
        }
        ExperimentSpec spec = ExperimentSpec.parse(root, overrides).withSteps(STEPS);
        return new ExperimentRunner(spec, yaml, out,
                ExperimentRunner.Options.defaults().withParallelism(2).withDatasetsRoot(datasets())).run();
    }

    /** A datasets folder holding the MNIST slice as both mnist/ and fashion-mnist/ (the files have the same format). */
    static Path datasets() throws IOException, URISyntaxException {
        Path root = work.resolve("datasets");
        if (Files.isDirectory(root)) return root;
        Path slice = Path.of(ReportBrowserTest.class.getResource("/datasets/mnist").toURI());
        for (String folder : List.of("mnist", "fashion-mnist")) {
            Files.createDirectories(root.resolve(folder));
            try (Stream<Path> files = Files.list(slice)) {
                for (Path f : files.toList()) Files.copy(f, root.resolve(folder).resolve(f.getFileName()));
            }
        }
        return root;
    }
}
