package dev.gradflow.report;

import dev.gradflow.diagnostics.StepRecord;
import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.VariantSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report is made of, read from a run directory (layout in {@link RunSummary}): the summary, each variant's
 * probe records, and the copy of the spec.
 *
 * @param summary         {@code summary.json}
 * @param records         each variant's {@code variants/NAME/metrics.jsonl} by variant name (empty when absent)
 * @param unreadable      variants whose metrics file exists but cannot be read, with the reason
 * @param specYaml        {@code spec.yaml}, or null when the directory has none
 */
public record RunContents(RunSummary summary, Map<String, List<StepRecord>> records, Map<String, String> unreadable,
                          String specYaml) {

    public RunContents {
        records = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(records));
        unreadable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unreadable));
    }

    /**
     * Reads {@code runDirectory}. A missing or malformed {@code summary.json} is an error; a variant whose metrics
     * are absent has no records, and one whose metrics cannot be parsed is listed in {@link #unreadable()}, so a
     * report can still be written for an interrupted run.
     */
    public static RunContents load(Path runDirectory) throws IOException {
        Path summaryFile = runDirectory.resolve("summary.json");
        if (!Files.isRegularFile(summaryFile)) {
            throw new IOException(summaryFile + ": not found (is " + runDirectory + " a run directory?)");
        }
        RunSummary summary;
        try {
            summary = Json.mapper().readValue(summaryFile.toFile(), RunSummary.class);
        } catch (IOException e) {
            throw new IOException(summaryFile + ": not a run summary: " + e.getMessage(), e);
        }
        Map<String, List<StepRecord>> records = new LinkedHashMap<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        Path variants = runDirectory.resolve("variants").normalize();
        for (VariantSummary v : summary.variants()) {
            Path folder = variants.resolve(v.name()).normalize();
            if (!folder.getParent().equals(variants)) {
                unreadable.put(v.name(), "the variant name is not a folder name under variants/");
                continue;
            }
            Path metrics = folder.resolve("metrics.jsonl");
            if (!Files.isRegularFile(metrics)) continue;
            try {
                records.put(v.name(), MetricsJsonl.read(metrics));
            } catch (IOException e) {
                unreadable.put(v.name(), e.getMessage());
            }
        }
        Path spec = runDirectory.resolve("spec.yaml");
        String specYaml = Files.isRegularFile(spec) ? Files.readString(spec, StandardCharsets.UTF_8) : null;
        return new RunContents(summary, records, unreadable, specYaml);
    }
}
