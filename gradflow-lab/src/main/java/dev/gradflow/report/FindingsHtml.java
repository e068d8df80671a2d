package dev.gradflow.report;

import dev.gradflow.diagnostics.Finding;
import dev.gradflow.lab.VariantSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The findings summary at the top of the report: every variant's findings in plain words, worst first across
 * variants (then in grid order), each tagged with its variant. Up to {@link #SHOWN} findings get a card each; more
 * (a grid of many variants) are grouped by kind and severity: one card per group, with the first variant's
 * evidence, cause and remedies, naming every other variant where the same finding was made.
 */
final class FindingsHtml {
    static final int SHOWN = 8;
    static final int REMEDIES_SHOWN = 3;
    static final int LAYERS_SHOWN = 8;
    static final int ALSO_IN_SHOWN = 6;

    private FindingsHtml() {}

    /** A finding with the variant it came from. */
    record Tagged(String variant, Finding finding) {}

    /** Every finding of {@code variants}, worst first; ties keep grid order, then the detector's order. */
    static List<Tagged> worstFirst(List<VariantSummary> variants) {
        List<Tagged> all = new ArrayList<>();
        for (VariantSummary v : variants) {
            for (Finding f : v.findings()) all.add(new Tagged(v.name(), f));
        }
        all.sort(Comparator.comparing((Tagged t) -> t.finding().severity()).reversed());
        return all;
    }

    /** What a kind of finding is called on the page. */
    static String title(Finding.Kind kind) {
        return switch (kind) {
            case VANISHING -> "Vanishing gradients";
            case EXPLODING -> "Exploding gradients";
            case SATURATION -> "Saturated activations";
            case DEAD_RELU -> "Dead ReLU units";
            case NON_FINITE -> "NaN or infinite values";
            case DIVERGENT -> "Training diverged";
            case STALLED -> "Loss stalled";
        };
    }

    static String section(List<VariantSummary> variants) {
        List<Tagged> findings = worstFirst(variants);
        StringBuilder out = new StringBuilder();
        out.append("<section id=\"findings\" class=\"findings\">\n<h2>Findings</h2>\n");
        if (findings.isEmpty()) {
            boolean anyResults = variants.stream().anyMatch(v -> "complete".equals(v.status()));
            out.append("<p class=\"all-clear\">")
                    .append(anyResults
                            ? "No findings: the detectors saw no vanishing or exploding gradients, no saturated or dead units, no NaN, no divergence and no stalled loss."
                            : "No findings: no variant produced results.")
                    .append("</p>\n</section>\n");
            return out.toString();
        }
        out.append("<p class=\"findings-count\">").append(counts(findings));
        if (findings.size() <= SHOWN) {
            out.append("</p>\n<div class=\"finding-list\">\n");
            for (Tagged t : findings) out.append(card(t, List.of()));
        } else {
            out.append(", grouped by kind: each card shows the first variant's evidence and names the others</p>\n");
            out.append("<div class=\"finding-list\">\n");
            for (List<Tagged> group : groups(findings)) out.append(card(group.getFirst(), group.subList(1, group.size())));
        }
        out.append("</div>\n");
        return out.append("</section>\n").toString();
    }

    /** "2 critical · 3 warnings · 1 note in 4 variants". */
    private static String counts(List<Tagged> findings) {
        long[] bySeverity = new long[Finding.Severity.values().length];
        for (Tagged t : findings) bySeverity[t.finding().severity().ordinal()]++;
        List<String> parts = new ArrayList<>();
        long critical = bySeverity[Finding.Severity.CRITICAL.ordinal()];
        long warning = bySeverity[Finding.Severity.WARNING.ordinal()];
        long info = bySeverity[Finding.Severity.INFO.ordinal()];
        if (critical > 0) parts.add(critical + " critical");
        if (warning > 0) parts.add(warning + (warning == 1 ? " warning" : " warnings"));
        if (info > 0) parts.add(info + (info == 1 ? " note" : " notes"));
        long variants = findings.stream().map(Tagged::variant).distinct().count();
        return String.join(" · ", parts) + " in " + variants + (variants == 1 ? " variant" : " variants");
    }

    /** The findings grouped by kind and severity, worst group first, each in the order given. */
    static List<List<Tagged>> groups(List<Tagged> findings) {
        Map<String, List<Tagged>> groups = new java.util.LinkedHashMap<>();
        for (Tagged t : findings) {
            groups.computeIfAbsent(t.finding().severity() + "/" + t.finding().kind(), k -> new ArrayList<>()).add(t);
        }
        return List.copyOf(groups.values());
    }

    private static String card(Tagged tagged, List<Tagged> alsoIn) {
        Finding f = tagged.finding();
        String severity = f.severity().name().toLowerCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder();
        out.append("<article class=\"finding sev-").append(severity).append("\" data-kind=\"").append(f.kind().id()).append("\">\n");
        out.append("<header><span class=\"severity\">").append(severity).append("</span>")
                .append("<h3>").append(Html.escape(title(f.kind()))).append("</h3>")
                .append("<span class=\"variant-tag\">").append(Html.escape(tagged.variant())).append("</span></header>\n");
        out.append("<p class=\"where\"><span class=\"label\">Where</span> ").append(Html.escape(where(f.layers()))).append("</p>\n");
        if (!f.evidence().isEmpty()) {
            out.append("<p class=\"evidence\"><span class=\"label\">Evidence</span> ");
            for (Map.Entry<String, Double> e : f.evidence().entrySet()) {
                out.append("<span class=\"metric\"><span class=\"metric-name\">").append(Html.escape(e.getKey().replace('_', ' ')))
                        .append("</span> <span class=\"metric-value\">").append(Html.count(e.getValue())).append("</span></span> ");
            }
            out.append("</p>\n");
        }
        if (f.cause() != null && !f.cause().isBlank()) {
            out.append("<p class=\"cause\"><span class=\"label\">Probable cause</span> ").append(Html.escape(f.cause())).append("</p>\n");
        }
        if (!f.remedies().isEmpty()) {
            out.append("<div class=\"remedies\"><span class=\"label\">Try</span><ol>\n");
            for (int i = 0; i < Math.min(REMEDIES_SHOWN, f.remedies().size()); i++) {
                Finding.Remedy r = f.remedies().get(i);
                out.append("<li><strong>").append(Html.escape(r.action())).append("</strong> — ").append(Html.escape(r.reason())).append("</li>\n");
            }
            out.append("</ol></div>\n");
        }
        if (!alsoIn.isEmpty()) {
            List<String> names = alsoIn.stream().map(Tagged::variant).distinct().map(n -> "<code>" + Html.escape(n) + "</code>").toList();
            out.append("<div class=\"also-in\"><span class=\"label\">Also in</span> ");
            if (names.size() <= ALSO_IN_SHOWN) {
                out.append(String.join(", ", names));
            } else {
                out.append(String.join(", ", names.subList(0, ALSO_IN_SHOWN))).append("<details><summary>and ")
                        .append(names.size() - ALSO_IN_SHOWN).append(" more variants</summary>")
                        .append(String.join(", ", names.subList(ALSO_IN_SHOWN, names.size()))).append("</details>");
            }
            out.append("</div>\n");
        }
        return out.append("</article>\n").toString();
    }

    /** "layers 0, 2, 4", "layer 3", or "the whole model". */
    static String where(List<String> layers) {
        if (layers.isEmpty()) return "the whole model";
        if (layers.size() == 1) return "layer " + layers.get(0);
        if (layers.size() <= LAYERS_SHOWN) return "layers " + String.join(", ", layers);
        return "layers " + String.join(", ", layers.subList(0, LAYERS_SHOWN)) + ", … (" + layers.size() + " in all)";
    }
}
