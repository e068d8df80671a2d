package dev.gradflow.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code report.html} of a run directory: one self-contained page that opens from disk with no network.
 *
 * <p>The page is the template {@code report.html} (resources beside this class) with its {@code {{PLACEHOLDERS}}}
 * filled in one pass: the style sheet, the text sections from {@link ReportHtml}, {@link FindingsHtml} and
 * {@link OutcomeSectionsHtml} (the grid heatmap and the learning-rate charts, present only when the run has them), the
 * chart data as JSON ({@link ChartData} through {@link Json}, in a {@code <script type="application/json">}),
 * ECharts read from its WebJar on the classpath, and the page's own script {@code report.js}, which draws the
 * charts. Works on incomplete runs: failed and missing variants are named at the top with their reason.
 */
public final class ReportWriter {
    /** ECharts' single-file build inside the WebJar {@code org.webjars.npm:echarts:5.3.1}. */
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");

    private ReportWriter() {}

    /** Reads {@code runDirectory} and writes its {@code report.html} atomically; returns the report's path. */
    public static Path write(Path runDirectory) throws IOException {
        String html = render(RunContents.load(runDirectory));
        Path target = runDirectory.resolve("report.html");
        Path temp = runDirectory.resolve(".report.html." + ProcessHandle.current().pid() + "-" + Thread.currentThread().threadId() + ".tmp");
        try {
            Files.writeString(temp, html, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    /** The page for {@code run}. */
    public static String render(RunContents run) {
        String title = run.summary().experiment() == null ? "gradflow report" : run.summary().experiment() + " — gradflow report";
        ChartData data = ChartData.of(run);
        Map<String, String> parts = Map.ofEntries(
                Map.entry("TITLE", Html.escape(title)),
                Map.entry("STYLE", resource("report.css")),
                Map.entry("HEADER", ReportHtml.header(run.summary())),
                Map.entry("TOC", OutcomeSectionsHtml.toc(data)),
                Map.entry("NOTICES", ReportHtml.notices(run)),
                Map.entry("FINDINGS", FindingsHtml.section(run.summary().variants())),
                Map.entry("GRID", OutcomeSectionsHtml.grid(data.grid())),
                Map.entry("LEARNING_RATE", OutcomeSectionsHtml.learningRate(data.learningRate())),
                Map.entry("TABLE", ReportHtml.table(run.summary().variants())),
                Map.entry("PROVENANCE", ReportHtml.provenance(run)),
                Map.entry("DATA", chartJson(data)),
                Map.entry("ECHARTS", inlineScript(ECHARTS, classpath(ECHARTS))),
                Map.entry("SCRIPT", inlineScript("report.js", resource("report.js"))));
        Matcher m = PLACEHOLDER.matcher(resource("report.html"));
        StringBuilder out = new StringBuilder(4 << 20);
        while (m.find()) {
            String value = parts.get(m.group(1));
            if (value == null) throw new IllegalStateException("report.html: unknown placeholder {{" + m.group(1) + "}}");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The chart data as JSON safe inside a script element: every {@code <} (which JSON has only inside strings)
     * becomes the escape {@code \u003c}, the same string to a JSON parser, so no value can close the element
     * ({@code </script>}) or open a comment or another script in it.
     */
    static String chartJson(ChartData data) {
        try {
            return Json.mapper().writeValueAsString(data).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the chart data as JSON: " + e.getMessage(), e);
        }
    }

    /** Script text to inline; refuses text that would end the script element or open an HTML comment in it. */
    static String inlineScript(String name, String script) {
        String lower = script.toLowerCase(Locale.ROOT);
        if (lower.contains("</script") || lower.contains("<!--")) {
            throw new IllegalStateException(name + " contains '</script' or '<!--' and cannot be inlined in a page");
        }
        return script;
    }

    private static String resource(String name) {
        return classpath("/dev/gradflow/report/" + name);
    }

    private static String classpath(String path) {
        try (InputStream in = ReportWriter.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException(path + " is not on the classpath (the report needs it)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
