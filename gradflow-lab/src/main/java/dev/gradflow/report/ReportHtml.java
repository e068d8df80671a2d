package dev.gradflow.report;

import dev.gradflow.diagnostics.Finding;
import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.VariantSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The text parts of the report, rendered on the server side so that they read without script: the header with
 * its one-line verdict, the notice of failed or missing variants, the comparison table and the provenance.
 */
final class ReportHtml {
    private static final String COMPLETE = "complete";

    private ReportHtml() {}

    static String header(RunSummary run) {
        String status = run.status() == null ? "unknown" : run.status();
        return "<header class=\"page-header\">\n"
                + "<p class=\"eyebrow\">gradflow experiment report</p>\n"
                + "<h1>" + Html.escape(run.experiment()) + "</h1>\n"
                + (run.description() == null || run.description().isBlank() ? ""
                        : "<p class=\"description\">" + Html.escape(run.description()) + "</p>\n")
                + "<p class=\"meta\"><span class=\"pill status-" + Html.escape(status) + "\">" + Html.escape(status) + "</span> "
                + run.variants().size() + (run.variants().size() == 1 ? " variant" : " variants") + "</p>\n"
                + "<p class=\"verdict\">" + Html.escape(verdict(run.variants())) + "</p>\n"
                + "</header>\n";
    }

    /**
     * One line: how many variants completed, which did best (accuracy when measured, else final loss), and where
     * the critical findings are (or the warnings, or none).
     */
    static String verdict(List<VariantSummary> variants) {
        if (variants.isEmpty()) return "The run has no variants.";
        List<String> parts = new ArrayList<>();
        long complete = variants.stream().filter(v -> COMPLETE.equals(v.status())).count();
        long failed = variants.stream().filter(v -> "failed".equals(v.status())).count();
        long other = variants.size() - complete - failed;
        String done = complete + " of " + variants.size() + " variants completed";
        if (failed > 0) done += ", " + failed + " failed";
        if (other > 0) done += ", " + other + " missing";
        parts.add(done);
        List<VariantSummary> finished = variants.stream().filter(v -> COMPLETE.equals(v.status())).toList();
        Optional<VariantSummary> byAccuracy = best(finished, VariantSummary::accuracy, Comparator.reverseOrder());
        Optional<VariantSummary> byLoss = best(finished, VariantSummary::lossFinal, Comparator.naturalOrder());
        if (byAccuracy.isPresent()) {
            VariantSummary b = byAccuracy.get();
            parts.add("best: " + b.name() + " (accuracy " + Html.percent(b.accuracy()) + ", final loss " + Html.number(b.lossFinal()) + ")");
        } else if (byLoss.isPresent()) {
            parts.add("lowest final loss: " + byLoss.get().name() + " (" + Html.number(byLoss.get().lossFinal()) + ")");
        }
        parts.add(findingsClause(variants));
        return String.join(" · ", parts);
    }

    private static Optional<VariantSummary> best(List<VariantSummary> variants, ToDoubleFunction<VariantSummary> measure,
                                                 Comparator<Double> order) {
        return variants.stream().filter(v -> Double.isFinite(measure.applyAsDouble(v)))
                .min(Comparator.comparing(v -> measure.applyAsDouble(v), order));
    }

    private static String findingsClause(List<VariantSummary> variants) {
        for (Finding.Severity severity : List.of(Finding.Severity.CRITICAL, Finding.Severity.WARNING)) {
            List<String> where = new ArrayList<>();
            for (VariantSummary v : variants) {
                List<String> kinds = v.findings().stream().filter(f -> f.severity() == severity).map(f -> f.kind().id()).distinct().toList();
                if (!kinds.isEmpty()) where.add(v.name() + " (" + String.join(", ", kinds) + ")");
            }
            if (where.isEmpty()) continue;
            String label = severity == Finding.Severity.CRITICAL ? "critical findings in " : "warnings in ";
            if (where.size() > 3) return label + String.join(", ", where.subList(0, 3)) + " and " + (where.size() - 3) + " more";
            return label + String.join(", ", where);
        }
        return "no gradient problems found";
    }

    /** The alert at the top of an incomplete run: which variants failed or are missing, and why. */
    static String notices(RunContents run) {
        List<String> items = new ArrayList<>();
        int notFinished = 0;
        for (VariantSummary v : run.summary().variants()) {
            String name = "<strong>" + Html.escape(v.name()) + "</strong>";
            if ("failed".equals(v.status())) {
                notFinished++;
                String error = v.error() == null || v.error().isBlank() ? "no error message was recorded" : v.error();
                items.add("<li class=\"variant-failed\">" + name + " failed" + stepsSoFar(v) + ": <code>" + Html.escape(error) + "</code></li>");
            } else if (!COMPLETE.equals(v.status())) {
                notFinished++;
                String why = "missing".equals(v.status()) ? "it never started or was interrupted, so it has no results"
                        : "it has no final results";
                items.add("<li class=\"variant-missing\">" + name + " is " + Html.escape(v.status() == null ? "missing" : v.status())
                        + ": " + why + (run.records().containsKey(v.name()) ? " (its charts show the steps recorded before it stopped)" : "")
                        + ".</li>");
            }
            String problem = run.unreadable().get(v.name());
            if (problem != null) {
                items.add("<li class=\"variant-unreadable\">" + name + ": its files cannot be read, so its charts are incomplete: <code>"
                        + Html.escape(problem) + "</code></li>");
            }
        }
        if (items.isEmpty()) return "";
        int total = run.summary().variants().size();
        String title = notFinished > 0
                ? "Run " + Html.escape(run.summary().status() == null ? "incomplete" : run.summary().status()) + ": " + notFinished + " of " + total + " variants did not finish"
                : "Some metrics could not be read";
        return "<section class=\"notice\" role=\"alert\">\n<h2>" + title + "</h2>\n<ul>\n" + String.join("\n", items) + "\n</ul>\n</section>\n";
    }

    private static String stepsSoFar(VariantSummary v) {
        return v.steps() > 0 ? " after " + v.steps() + (v.steps() == 1 ? " step" : " steps") : "";
    }

    /** Columns a run shows only when some variant has a value for them. */
    private record OptionalColumns(boolean testLoss, boolean testAccuracy, boolean learningRate) {
        static OptionalColumns of(List<VariantSummary> variants) {
            return new OptionalColumns(variants.stream().anyMatch(v -> Double.isFinite(v.testLoss())),
                    variants.stream().anyMatch(v -> Double.isFinite(v.testAccuracy())),
                    variants.stream().anyMatch(v -> Double.isFinite(v.learningRate())));
        }
    }

    /**
     * The comparison table: one row per variant, sortable by the page's script through each cell's data-sort. The
     * test loss and accuracy and the learning rate trained with get a column when some variant has one.
     */
    static String table(List<VariantSummary> variants) {
        OptionalColumns optional = OptionalColumns.of(variants);
        StringBuilder out = new StringBuilder();
        out.append("<div class=\"table-scroll\"><table id=\"comparison\" class=\"comparison\">\n<thead><tr>");
        List<String[]> headers = new ArrayList<>(List.of(new String[][] {
                {"Variant", "text"}, {"Status", "text"}, {"Steps", "number"}, {"Initial loss", "number"}, {"Final loss", "number"},
                {"Accuracy", "number"}}));
        if (optional.testLoss()) headers.add(new String[] {"Test loss", "number"});
        if (optional.testAccuracy()) headers.add(new String[] {"Test accuracy", "number"});
        if (optional.learningRate()) headers.add(new String[] {"Learning rate", "number"});
        headers.addAll(List.of(new String[][] {{"‖∂L/∂W₁‖ first", "number"}, {"‖∂L/∂W₁‖ last", "number"},
                {"RMS ∂L/∂out₁ first", "number"}, {"RMS ∂L/∂out₁ last", "number"}, {"Decades/layer first", "number"},
                {"Decades/layer last", "number"}, {"Findings", "text"}, {"Time", "number"}}));
        for (String[] h : headers) {
            out.append("<th scope=\"col\" data-type=\"").append(h[1]).append("\" tabindex=\"0\">").append(Html.escape(h[0])).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (VariantSummary v : variants) out.append(row(v, optional));
        return out.append("</tbody>\n</table></div>\n").toString();
    }

    private static String row(VariantSummary v, OptionalColumns optional) {
        String status = v.status() == null ? "unknown" : v.status();
        StringBuilder out = new StringBuilder();
        out.append("<tr class=\"row-").append(Html.escape(status)).append("\" data-variant=\"").append(Html.escape(v.name())).append("\">");
        out.append("<th scope=\"row\" data-sort=\"").append(Html.escape(v.name())).append("\"><span class=\"variant-name\">")
                .append(Html.escape(v.name())).append("</span>");
        if (!v.overrides().isEmpty()) {
            out.append("<span class=\"overrides\">");
            for (Map.Entry<String, String> e : v.overrides().entrySet()) {
                out.append("<span>").append(Html.escape(e.getKey())).append(" = ").append(Html.escape(e.getValue())).append("</span>");
            }
            out.append("</span>");
        }
        out.append("</th>");
        out.append("<td data-sort=\"").append(Html.escape(status)).append("\"");
        if (v.error() != null) out.append(" title=\"").append(Html.escape(v.error())).append("\"");
        out.append("><span class=\"pill status-").append(Html.escape(status)).append("\">").append(Html.escape(status)).append("</span></td>");
        out.append(numberCell(v.steps(), Long.toString(v.steps())));
        out.append(numberCell(v.lossInitial(), Html.number(v.lossInitial())));
        out.append(numberCell(v.lossFinal(), Html.number(v.lossFinal())));
        out.append(numberCell(v.accuracy(), Html.percent(v.accuracy())));
        if (optional.testLoss()) out.append(numberCell(v.testLoss(), Html.number(v.testLoss())));
        if (optional.testAccuracy()) out.append(numberCell(v.testAccuracy(), Html.percent(v.testAccuracy())));
        if (optional.learningRate()) out.append(numberCell(v.learningRate(), Html.scientific(v.learningRate())));
        out.append(numberCell(v.firstLayerGradInit(), Html.scientific(v.firstLayerGradInit())));
        out.append(numberCell(v.firstLayerGradEnd(), Html.scientific(v.firstLayerGradEnd())));
        out.append(numberCell(v.firstLayerBackpropInit(), Html.scientific(v.firstLayerBackpropInit())));
        out.append(numberCell(v.firstLayerBackpropEnd(), Html.scientific(v.firstLayerBackpropEnd())));
        out.append(numberCell(v.decadesPerLayerInit(), Html.signed(v.decadesPerLayerInit())));
        out.append(numberCell(v.decadesPerLayerEnd(), Html.signed(v.decadesPerLayerEnd())));
        out.append("<td class=\"tags\" data-sort=\"").append(worstSeverity(v)).append("\">");
        for (Finding f : v.findings()) {
            out.append("<span class=\"tag sev-").append(f.severity().name().toLowerCase(java.util.Locale.ROOT)).append("\" title=\"")
                    .append(Html.escape(f.headline())).append("\">").append(Html.escape(f.kind().id())).append("</span>");
        }
        out.append("</td>");
        out.append(numberCell(v.seconds(), Html.seconds(v.seconds())));
        return out.append("</tr>\n").toString();
    }

    /** Sorts variants by their worst finding: 0 none, 1 info, 2 warning, 3 critical. */
    private static int worstSeverity(VariantSummary v) {
        return v.findings().stream().mapToInt(f -> f.severity().ordinal() + 1).max().orElse(0);
    }

    private static String numberCell(double value, String text) {
        return "<td class=\"num\" data-sort=\"" + Html.sortKey(value) + "\">" + Html.escape(text) + "</td>";
    }

    /** Every provenance entry, then the spec copy in a collapsed block when the run directory has one. */
    static String provenance(RunContents run) {
        StringBuilder out = new StringBuilder("<section id=\"provenance\" class=\"provenance\">\n<h2>Provenance</h2>\n");
        if (run.summary().provenance().isEmpty()) {
            out.append("<p class=\"caption\">The run recorded no provenance.</p>\n");
        } else {
            out.append("<dl>\n");
            for (Map.Entry<String, String> e : run.summary().provenance().entrySet()) {
                out.append("<div><dt>").append(Html.escape(e.getKey())).append("</dt><dd>").append(Html.escape(e.getValue())).append("</dd></div>\n");
            }
            out.append("</dl>\n");
        }
        if (run.specYaml() != null) {
            out.append("<details class=\"spec\"><summary>Experiment spec (spec.yaml)</summary>\n<pre><code>")
                    .append(Html.escape(run.specYaml())).append("</code></pre>\n</details>\n");
        }
        return out.append("</section>\n").toString();
    }
}
