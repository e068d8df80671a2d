package dev.gradflow.lab;

import dev.gradflow.diagnostics.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code summary.csv}: one row per variant, RFC 4180 (comma-separated, fields quoted when they hold a comma, quote
 * or line break, a header row, CRLF line ends). Numbers are written in full precision; NaN as an empty field.
 * The columns are those of {@link VariantSummary} in snake_case ({@code findings} as the findings' kinds joined by
 * {@code ;}), then one column per overridden key, in the order the keys first appear.
 */
public final class SummaryCsv {
    static final List<String> COLUMNS = List.of("name", "seed", "status", "steps", "learning_rate", "loss_initial", "loss_final",
            "accuracy", "test_loss", "test_accuracy", "first_layer_grad_init", "first_layer_grad_end", "first_layer_backprop_init",
            "first_layer_backprop_end", "decades_per_layer_init", "decades_per_layer_end", "findings", "seconds", "stop_reason", "error");

    private SummaryCsv() {}

    /** The CSV text of {@code summary}. */
    public static String of(RunSummary summary) {
        Set<String> keys = new LinkedHashSet<>();
        for (VariantSummary v : summary.variants()) keys.addAll(v.overrides().keySet());
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(COLUMNS);
        header.addAll(keys);
        row(out, header);
        for (VariantSummary v : summary.variants()) {
            List<String> findings = new ArrayList<>();
            for (Finding f : v.findings()) findings.add(f.kind().id());
            List<String> cells = new ArrayList<>(List.of(v.name(), Long.toString(v.seed()), text(v.status()), Long.toString(v.steps()),
                    number(v.learningRate()), number(v.lossInitial()), number(v.lossFinal()), number(v.accuracy()), number(v.testLoss()),
                    number(v.testAccuracy()), number(v.firstLayerGradInit()), number(v.firstLayerGradEnd()),
                    number(v.firstLayerBackpropInit()), number(v.firstLayerBackpropEnd()), number(v.decadesPerLayerInit()),
                    number(v.decadesPerLayerEnd()), String.join(";", findings), number(v.seconds()), text(v.stopReason()), text(v.error())));
            for (String k : keys) cells.add(text(v.overrides().get(k)));
            row(out, cells);
        }
        return out.toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.append(',');
            out.append(field(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) return value;
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
