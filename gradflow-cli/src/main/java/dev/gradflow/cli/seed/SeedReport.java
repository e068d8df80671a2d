package dev.gradflow.cli.seed;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The seed experiment's results as a text table and as JSON ({@code {"seed": …, "runs": [...]}}). */
public final class SeedReport {
    private static final ObjectMapper JSON = dev.gradflow.report.Json.mapper().copy()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private SeedReport() {}

    /** The JSON document: the seed and one object per run, in run order. */
    public static String json(long seed, List<SeedRun> runs) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("seed", seed);
        document.put("runs", runs);
        try {
            return JSON.writeValueAsString(document) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("seed report: cannot serialize the results", e);
        }
    }

    /**
     * A table with one row per run: optimizer, learning rate, initial and final loss, then the weight-gradient L2
     * norm of each layer at step 1 and at the last step, under a two-line header.
     */
    public static String table(List<SeedRun> runs) {
        if (runs.isEmpty()) return "(no runs)\n";
        List<String> layers = new ArrayList<>(runs.getFirst().gradNormsFirstStep().keySet());
        int lastStep = runs.getFirst().steps();
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("optimizer", "lr", "loss initial", "loss final"));
        head.addAll(layers);
        head.addAll(layers);
        rows.add(head.toArray(String[]::new));
        for (SeedRun run : runs) {
            List<String> cells = new ArrayList<>(List.of(run.optimizer(), plain(run.learningRate()),
                    number(run.lossInitial()), number(run.lossFinal())));
            for (String layer : layers) cells.add(number(run.gradNormsFirstStep().get(layer)));
            for (String layer : layers) cells.add(number(run.gradNormsLastStep().get(layer)));
            rows.add(cells.toArray(String[]::new));
        }
        int[] width = widths(rows);
        int groupStart = 4;
        String first = "weight-gradient L2 norm at step 1";
        String last = "at step " + lastStep;
        widen(width, groupStart, layers.size(), first.length());
        widen(width, groupStart + layers.size(), layers.size(), last.length());
        StringBuilder out = new StringBuilder();
        int prefix = 0;
        for (int c = 0; c < groupStart; c++) prefix += width[c] + SEPARATOR.length();
        out.append(" ".repeat(prefix));
        out.append(rightAligned(first, span(width, groupStart, layers.size()))).append(SEPARATOR);
        out.append(rightAligned(last, span(width, groupStart + layers.size(), layers.size()))).append('\n');
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) out.append(SEPARATOR);
                out.append(c == 0 ? row[c] + " ".repeat(width[c] - row[c].length()) : rightAligned(row[c], width[c]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * A second table: per run, the first-to-last weight-gradient ratio at step 1 and at the last step, the
     * update:weight ratio of the first layer (step 1, mean, last step), and the findings' headlines.
     */
    public static String flowTable(List<SeedRun> runs) {
        if (runs.isEmpty()) return "";
        String firstWeight = runs.getFirst().updateRatioMean().keySet().iterator().next();
        int lastStep = runs.getFirst().steps();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"optimizer", "lr", "grad ratio first/last @1", "@" + lastStep,
            "update:weight " + firstWeight + " @1", "mean", "@" + lastStep, "findings"});
        for (SeedRun run : runs) {
            rows.add(new String[] {run.optimizer(), plain(run.learningRate()), number(run.gradRatioFirstStep()),
                number(run.gradRatioLastStep()), number(run.updateRatioFirstStep().get(firstWeight)),
                number(run.updateRatioMean().get(firstWeight)), number(run.updateRatioLastStep().get(firstWeight)),
                run.findings().isEmpty() ? "none" : String.join("; ", run.findings().stream().map(f -> f.kind().id()).toList())});
        }
        int[] width = widths(rows);
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) out.append(SEPARATOR);
                if (c == row.length - 1) out.append(row[c]);
                else out.append(c == 0 ? row[c] + " ".repeat(width[c] - row[c].length()) : rightAligned(row[c], width[c]));
            }
            out.append('\n');
        }
        for (SeedRun run : runs) {
            for (var f : run.findings()) {
                out.append(String.format(Locale.ROOT, "%n%s lr %s: %s%n", run.optimizer(), plain(run.learningRate()), f.headline()));
                for (var r : f.remedies()) out.append("    remedy: ").append(r).append('\n');
            }
        }
        return out.toString();
    }

    /** The closing lines answering the article's question from the measured numbers. */
    public static String verdict(List<SeedRun> runs) {
        return SeedVerdict.of(runs);
    }

    private static final String SEPARATOR = "  ";

    private static int[] widths(List<String[]> rows) {
        int[] width = new int[rows.getFirst().length];
        for (String[] row : rows) for (int c = 0; c < row.length; c++) width[c] = Math.max(width[c], row[c].length());
        return width;
    }

    /** Width of columns [from, from + count) with their separators. */
    private static int span(int[] width, int from, int count) {
        int total = SEPARATOR.length() * (count - 1);
        for (int c = from; c < from + count; c++) total += width[c];
        return total;
    }

    /** Widens the first column of a group until the group spans {@code needed} characters. */
    private static void widen(int[] width, int from, int count, int needed) {
        int missing = needed - span(width, from, count);
        if (missing > 0) width[from] += missing;
    }

    private static String rightAligned(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }

    /** A learning rate as written: 0.01, 0.0001. */
    public static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4e", value);
    }
}
