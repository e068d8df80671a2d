package dev.gradflow.lab;

import dev.gradflow.report.Json;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run sends back from wherever it ran: its {@link VariantSummary} as the JSON of {@code result.json}, and
 * the text of each file it wrote into its variant folder ({@code metrics.jsonl}, {@code lr_find.json}), by file
 * name. Serializable (strings only), for distributed runs.
 *
 * @param run         the run's name (its folder under {@code variants/})
 * @param resultJson  the summary as JSON ({@link Json}'s mapping)
 * @param files       file name → text, in the order written
 */
public record VariantOutcome(String run, String resultJson, Map<String, String> files) implements Serializable {
    public VariantOutcome {
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** The outcome of a run that {@code summary} sums up, with its files. */
    public static VariantOutcome of(VariantSummary summary, Map<String, String> files) {
        try {
            return new VariantOutcome(summary.name(), Json.mapper().writeValueAsString(summary), files);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("variant " + summary.name() + ": cannot write its summary as JSON: " + e.getMessage(), e);
        }
    }

    /** The summary read back. */
    public VariantSummary summary() {
        try {
            return Json.mapper().readValue(resultJson, VariantSummary.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("variant " + run + ": its result cannot be read: " + e.getMessage(), e);
        }
    }
}
