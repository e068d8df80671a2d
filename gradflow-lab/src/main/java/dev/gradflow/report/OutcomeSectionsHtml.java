package dev.gradflow.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The sections a report has only when its run calls for them — the grid heatmap (a product of two or more axes)
 * and the learning-rate charts (range tests, sweeps) — and the table of contents that links what is there. The
 * charts inside are drawn by the page's script from {@link ChartData}.
 */
final class OutcomeSectionsHtml {
    private OutcomeSectionsHtml() {}

    static String toc(ChartData data) {
        List<String> links = new ArrayList<>(List.of("<a href=\"#findings\">Findings</a>"));
        if (data.grid() != null) links.add("<a href=\"#grid\">Grid</a>");
        if (data.learningRate() != null) links.add("<a href=\"#learning-rate\">Learning rate</a>");
        links.addAll(List.of("<a href=\"#loss\">Loss</a>", "<a href=\"#layers\">Gradients by layer</a>",
                "<a href=\"#flow\">Gradient flow</a>", "<a href=\"#dynamics\">Training dynamics</a>",
                "<a href=\"#comparison-section\">Comparison</a>", "<a href=\"#provenance\">Provenance</a>"));
        return "<nav class=\"toc\" aria-label=\"Sections\">\n  " + String.join("", links) + "\n</nav>\n";
    }

    /** The heatmap of the grid's outcome, with one button per measure (accuracy only when some cell has one). */
    static String grid(GridData grid) {
        if (grid == null) return "";
        boolean accuracy = grid.cells().stream().anyMatch(c -> Double.isFinite(c.accuracy()));
        List<String> axes = grid.axes().stream().map(a -> Html.escape(a.label()) + " (" + a.values().size() + ")").toList();
        return "<section id=\"grid\" class=\"panel\">\n"
                + "  <div class=\"panel-head\">\n"
                + "    <h2>Where training works: " + String.join(" × ", axes) + "</h2>\n"
                + "    <div class=\"segmented\" role=\"group\" aria-label=\"Grid measure\" data-control=\"gridMeasure\">\n"
                + "      <button type=\"button\" data-value=\"lossRatio\">Final ÷ initial loss</button>"
                + (accuracy ? "<button type=\"button\" data-value=\"accuracy\">Accuracy</button>" : "")
                + "<button type=\"button\" data-value=\"backpropInit\">First-layer gradient at step 1</button>"
                + "<button type=\"button\" data-value=\"decadesPerLayerInit\">Decades per layer at step 1</button>\n"
                + "    </div>\n"
                + "  </div>\n"
                + "  <div class=\"chart chart-grid-outcome\" id=\"chart-grid\" role=\"img\" aria-label=\"Outcome of every cell of the grid\"></div>\n"
                + "  <p class=\"caption\" id=\"grid-caption\"></p>\n"
                + "</section>\n";
    }

    /** The range tests' curves and, when the grid sweeps training.lr, the sweep's final losses beside them. */
    static String learningRate(LearningRateData data) {
        if (data == null) return "";
        StringBuilder out = new StringBuilder();
        out.append("<section id=\"learning-rate\" class=\"panel\">\n  <div class=\"panel-head\"><h2>Learning rate</h2></div>\n");
        out.append("  <div class=\"chart-grid\">\n");
        if (!data.rangeTests().isEmpty()) {
            out.append("    <figure>\n      <figcaption><strong>Range test</strong> (Smith 2017, fastai's <code>lr_find</code>): the loss while the rate grows")
                    .append(" exponentially, one step per rate; thin: each batch's loss, thick: smoothed (EMA, β = 0.98). Markers: the")
                    .append(" suggestions <b>valley</b> ●, <b>steepest</b> ▲ and <b>minimum/10</b> ◆; a ring marks the one training used.</figcaption>\n")
                    .append("      <div class=\"chart\" id=\"chart-lr-find\" role=\"img\" aria-label=\"Loss against learning rate in the range test\"></div>\n")
                    .append("    </figure>\n");
        }
        if (!data.sweep().isEmpty()) {
            out.append("    <figure>\n      <figcaption><strong>Sweep</strong>: the final training loss of the variants trained at fixed rates,")
                    .append(" one line per setting").append(data.rangeTests().isEmpty() ? "" : "; ★ the range-test variants, at the rate they chose")
                    .append(". A missing point is a run that failed (diverged) at that rate.</figcaption>\n")
                    .append("      <div class=\"chart\" id=\"chart-lr-sweep\" role=\"img\" aria-label=\"Final loss against learning rate\"></div>\n")
                    .append("    </figure>\n");
        }
        out.append("  </div>\n").append(suggestionTable(data)).append("</section>\n");
        return out.toString();
    }

    private static String suggestionTable(LearningRateData data) {
        if (data.rangeTests().isEmpty()) return "";
        StringBuilder out = new StringBuilder("  <div class=\"table-scroll\"><table class=\"comparison suggestions\">\n<thead><tr>");
        for (String h : List.of("Variant", "Optimizer", "Valley", "Steepest", "Minimum/10", "Used", "Final loss", "Accuracy")) {
            out.append("<th scope=\"col\">").append(h).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (LearningRateData.RangeTest t : data.rangeTests()) {
            out.append("<tr><th scope=\"row\"><span class=\"variant-name\">").append(Html.escape(t.variant())).append("</span></th>")
                    .append("<td>").append(Html.escape(t.optimizer())).append("</td>")
                    .append(rate(t.valley(), "valley".equals(t.use()))).append(rate(t.steepest(), "steepest".equals(t.use())))
                    .append(rate(t.minimumTenth(), "minimum_tenth".equals(t.use())))
                    .append("<td class=\"num\">").append(Html.scientific(t.learningRate())).append("</td>")
                    .append("<td class=\"num\">").append(Html.number(t.lossFinal())).append("</td>")
                    .append("<td class=\"num\">").append(Html.percent(t.accuracy())).append("</td></tr>\n");
        }
        return out.append("</tbody>\n</table></div>\n").toString();
    }

    private static String rate(double rate, boolean used) {
        return "<td class=\"num" + (used ? " used" : "") + "\">" + Html.scientific(rate) + "</td>";
    }
}
