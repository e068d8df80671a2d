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
    private static final ObjectMapper JSON = new ObjectMapper()
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
     * norm of each layer at step 1 and at the last step.
     */
    public static String table(List<SeedRun> runs) {
        if (runs.isEmpty()) return "(no runs)\n";
        List<String> layers = new ArrayList<>(runs.getFirst().gradNormsFirstStep().keySet());
        int lastStep = runs.getFirst().steps();
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("optimizer", "lr", "loss initial", "loss final"));
        for (String layer : layers) head.add("step 1 " + layer);
        for (String layer : layers) head.add("step " + lastStep + " " + layer);
        rows.add(head.toArray(String[]::new));
        for (SeedRun run : runs) {
            List<String> cells = new ArrayList<>(List.of(run.optimizer(), plain(run.learningRate()),
                    number(run.lossInitial()), number(run.lossFinal())));
            for (String layer : layers) cells.add(number(run.gradNormsFirstStep().get(layer)));
            for (String layer : layers) cells.add(number(run.gradNormsLastStep().get(layer)));
            rows.add(cells.toArray(String[]::new));
        }
        return "gradient norms are the L2 norms of each layer's weight gradient\n" + align(rows);
    }

    private static String align(List<String[]> rows) {
        int columns = rows.getFirst().length;
        int[] width = new int[columns];
        for (String[] row : rows) for (int c = 0; c < columns; c++) width[c] = Math.max(width[c], row[c].length());
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                if (c > 0) out.append("  ");
                String pad = " ".repeat(width[c] - row[c].length());
                out.append(c == 0 ? row[c] + pad : pad + row[c]);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A learning rate as written: 0.01, 0.0001. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4e", value);
    }
}
