package dev.gradflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a generated report in headless Chromium from disk (no network): the page's script must render every chart
 * without an error, which it records on {@code <html data-render>} and each chart's {@code data-painted} (it reads
 * the canvas pixels back), and Chromium must log no console message. Screenshots, light and dark, and the report
 * itself land in {@code target/report-screenshots/} for a person to look at.
 *
 * <p>Skipped, with the reason, where no Chromium is installed ({@code scripts/ensure-chromium.sh} installs it).
 */
class ReportBrowserTest {
    static final Path OUTPUT = Path.of("target", "report-screenshots");
    static final long TIMEOUT_SECONDS = 120;
    static Path browser;
    @TempDir
    static Path work;
    static Path report;

    /** /usr/bin/chromium, else chromium or chromium-browser on the PATH. */
    static Optional<Path> findChromium() {
        Path standard = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(standard)) return Optional.of(standard);
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @BeforeAll
    static void generateReport() throws IOException {
        browser = findChromium().orElse(null);
        Assumptions.assumeTrue(browser != null,
                "browser test skipped: no Chromium at /usr/bin/chromium or on the PATH (run scripts/ensure-chromium.sh)");
        report = ReportWriter.write(SyntheticRun.writeMixedRun(work.resolve("run"), 300));
        Files.createDirectories(OUTPUT);
        Files.copy(report, OUTPUT.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** What one Chromium run printed. */
    record Run(String stdout, String stderr) {
        List<String> consoleMessages() {
            return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
        }
    }

    static Run chromium(String name, Path page, String... arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile-" + name + "-");
        Path stdout = work.resolve(name + ".out");
        Path stderr = work.resolve(name + ".err");
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom"));
        command.addAll(List.of(arguments));
        command.add(page.toUri().toString());
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
        }
        Run run = new Run(Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
        assertEquals(0, process.exitValue(), "Chromium failed:\n" + run.stderr());
        return run;
    }

    /** The page's own verdict (every chart painted, no script or console error) and Chromium's console log. */
    static Document assertRenderedCleanly(Run run) {
        Document dom = Jsoup.parse(run.stdout());
        Element status = dom.getElementById("render-status");
        assertEquals("ok", dom.selectFirst("html").attr("data-render"), "render status: " + (status == null ? "none" : status.text())
                + "; " + dom.getElementById("script-error").text() + "; console: " + run.consoleMessages());
        assertTrue(dom.getElementById("script-error").hasAttr("hidden"), dom.getElementById("script-error").text());
        assertEquals(List.of(), run.consoleMessages(), "console messages");
        List<Element> charts = dom.select("div.chart");
        assertEquals(6, charts.size());
        for (Element chart : charts) {
            assertEquals("true", chart.attr("data-painted"), chart.id() + " painted nothing");
            assertFalse(chart.select("canvas").isEmpty(), chart.id() + " has no canvas");
        }
        return dom;
    }

    @Test
    void everyChartRendersWithoutErrorsAndTheTextSectionsArePresent() throws Exception {
        Path screenshot = OUTPUT.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        Document dom = assertRenderedCleanly(chromium("light", report, "--screenshot=" + screenshot, "--window-size=1400,3000"));
        assertEquals(3, dom.select("#findings article.finding").size());
        assertEquals(5, dom.select("#comparison tbody tr").size());
        assertEquals(5, dom.select("#comparison .swatch").size(), "the script marked each row with its variant colour");
        assertEquals(5, dom.select("select.variant-select").first().select("option").size());
        assertTrue(dom.getElementById("heatmap-caption").text().contains("Glorot & Bengio 2010"));
        assertTrue(dom.getElementById("render-status").text().startsWith("6 charts rendered"));
        assertTrue(Files.size(screenshot) > 50_000, "screenshot written: " + screenshot);
    }

    /** Clicks every toggle, shows every variant (missing ones too), then sorts the table by final loss. */
    static final String EXERCISE = """
            <script>
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
            </script>
            </body>""";

    @Test
    void everyControlRedrawsWithoutErrorsAndTheTableSorts() throws Exception {
        Path exercised = work.resolve("exercised.html");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>");  // ECharts' own source mentions </body> too
        Files.writeString(exercised, html.substring(0, end) + EXERCISE + html.substring(end + "</body>".length()));
        Document dom = assertRenderedCleanly(chromium("exercised", exercised));
        assertEquals("relu-deep", dom.getElementById("layers").attr("data-variant"), "the last variant is shown");
        assertEquals("relu-deep", dom.getElementById("dynamics").attr("data-variant"));
        assertEquals(List.of("relu", "tanh", "sigmoid", "relu-lr-1.0", "relu-deep"),
                dom.select("#comparison tbody tr").eachAttr("data-variant"), "ascending final loss, NaN last");
        assertEquals("ascending", dom.select("#comparison thead th").get(4).attr("aria-sort"));
    }

    @Test
    void darkSchemeRendersWithoutErrors() throws Exception {
        Path screenshot = OUTPUT.resolve("report-dark.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        assertRenderedCleanly(chromium("dark", report, "--screenshot=" + screenshot, "--window-size=1400,3000",
                "--force-dark-mode", "--blink-settings=preferredColorScheme=0"));
        assertTrue(Files.size(screenshot) > 50_000, "dark screenshot written: " + screenshot);
    }
}
