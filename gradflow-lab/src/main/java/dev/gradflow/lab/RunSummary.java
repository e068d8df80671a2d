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
 * (that variant's summary, written when it ends), and {@code report.html}.
 *
 * @param experiment  the experiment's name
 * @param description what it tests, in one or two sentences
 * @param status      "complete" when every variant ended, else "incomplete"
 * @param variants    one per variant, grid order
 * @param provenance  gradflow version, JDK, OS, CPU, kernel provider, thread count, seeds, start and end time
 */
public record RunSummary(String experiment, String description, String status, List<VariantSummary> variants,
                         Map<String, String> provenance) {

    public RunSummary {
        variants = List.copyOf(variants);
        provenance = provenance == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
    }
}
