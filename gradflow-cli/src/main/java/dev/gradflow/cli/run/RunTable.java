package dev.gradflow.cli.run;

import dev.gradflow.diagnostics.Finding;
import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.VariantSummary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The table {@code gradflow run} and {@code gradflow report} print: one row per variant with its status, learning
 * rate, loss at
 * the first step and at the end, accuracy (classification: validation, else training) and test accuracy (when the
 * spec gives test data), the first layer's backpropagated gradient RMS at
 * initialization (and as a multiple of the first variant's), at the end, the first layer's weight-gradient norm,
 * the decades per layer at initialization, and the kinds of findings. All numbers as measured.
 */
final class RunTable {
    private RunTable() {}

    static String of(RunSummary summary) {
        List<VariantSummary> variants = summary.variants();
        boolean classification = variants.stream().anyMatch(v -> !Double.isNaN(v.accuracy()));
        boolean tested = variants.stream().anyMatch(v -> !Double.isNaN(v.testAccuracy()));
        double reference = variants.isEmpty() ? Double.NaN : variants.getFirst().firstLayerBackpropInit();
        List<String> header = new ArrayList<>(List.of("variant", "status", "lr", "loss@1", "loss end"));
        if (classification) header.add("accuracy");
        if (tested) header.add("test acc");
        header.addAll(List.of("backprop@1", "x " + (variants.isEmpty() ? "first" : variants.getFirst().name()), "backprop end",
                "|dW1|@1", "|dW1| end", "dec/layer@1", "findings"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (VariantSummary v : variants) {
            List<String> row = new ArrayList<>(List.of(v.name(), v.status(), rate(v.learningRate()), number(v.lossInitial()), number(v.lossFinal())));
            if (classification) row.add(percent(v.accuracy()));
            if (tested) row.add(percent(v.testAccuracy()));
            row.add(number(v.firstLayerBackpropInit()));
            row.add(ratio(v.firstLayerBackpropInit() / reference));
            row.add(number(v.firstLayerBackpropEnd()));
            row.add(number(v.firstLayerGradInit()));
            row.add(number(v.firstLayerGradEnd()));
            row.add(Double.isNaN(v.decadesPerLayerInit()) ? "-" : String.format(Locale.ROOT, "%+.2f", v.decadesPerLayerInit()));
            row.add(findings(v.findings()));
            rows.add(row);
        }
        return render(rows);
    }

    private static String findings(List<Finding> findings) {
        Set<String> kinds = new LinkedHashSet<>();
        for (Finding f : findings) kinds.add(f.kind().id());
        return kinds.isEmpty() ? "-" : String.join(",", kinds);
    }

    private static String percent(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * value);
    }

    private static String rate(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3g", value);
    }

    static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3e", value);
    }

    private static String ratio(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return "-";
        return value >= 1e4 || value < 1e-2 ? String.format(Locale.ROOT, "%.1e", value) : String.format(Locale.ROOT, "%.3g", value);
    }

    /** Left-aligned first column, right-aligned numbers, two spaces between columns. */
    private static String render(List<List<String>> rows) {
        int columns = rows.getFirst().size();
        int[] width = new int[columns];
        for (List<String> r : rows) for (int c = 0; c < columns; c++) width[c] = Math.max(width[c], r.get(c).length());
        StringBuilder out = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                if (c > 0) line.append("  ");
                String cell = r.get(c);
                boolean left = c <= 1 || c == columns - 1;
                String pad = " ".repeat(width[c] - cell.length());
                line.append(left ? cell + pad : pad + cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
