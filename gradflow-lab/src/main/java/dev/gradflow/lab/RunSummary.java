package dev.gradflow.lab;

import java.util.List;
import java.util.Map;

/**
 * {@code summary.json} of a run directory: the experiment, one {@link VariantSummary} per variant (in grid order),
 * and the provenance of the run.
 *
 * <p>A run directory holds: {@code spec.yaml} (a copy of the experiment spec), {@code run.json} (status while
 * running: "running", then "complete" or "incomplete"), {@code summary.json} and {@code summary.csv},
 * {@code variants/NAME/metrics.jsonl} (one probe record per recorded step) and {@code variants/NAME/result.json}
 * (that variant's summary, written when it ends), and {@code report.html}. A variant trained with a
 * learning-rate range test also has {@code variants/NAME/lr_find.json} ({@link LearningRateSearch}).
 * {@code summary.json} is written when the run starts (every variant "missing") and again as each variant ends,
 * so an interrupted run still has one; see {@link RunDirectory}.
 *
 * @param experiment  the experiment's name
 * @param description what it tests, in one or two sentences
 * @param status      "complete" when every variant ended, else "incomplete"
 * @param variants    one per variant, grid order
 * @param provenance  gradflow version, JDK, OS, CPU, kernel provider, thread count, seeds, start and end time
 * @param axes        the dotted paths the grid's products vary, each with its values in grid order — the rows and
 *                    columns of a heatmap (a variant's coordinates are its {@link VariantSummary#overrides()});
 *                    empty when the grid has no product
 */
public record RunSummary(String experiment, String description, String status, List<VariantSummary> variants,
                         Map<String, String> provenance, Map<String, List<String>> axes) {

    public RunSummary {
        variants = List.copyOf(variants);
        provenance = provenance == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
        java.util.Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
        if (axes != null) axes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        axes = java.util.Collections.unmodifiableMap(copy);
    }

    /** A summary whose grid has no product axes. */
    public RunSummary(String experiment, String description, String status, List<VariantSummary> variants,
                      Map<String, String> provenance) {
        this(experiment, description, status, variants, provenance, Map.of());
    }
}
