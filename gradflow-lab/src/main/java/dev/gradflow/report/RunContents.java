package dev.gradflow.report;

import dev.gradflow.diagnostics.StepRecord;
import dev.gradflow.lab.LearningRateSearch;
import dev.gradflow.lab.RunDirectory;
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
 * probe records, the learning-rate range tests, and the copy of the spec.
 *
 * @param summary         {@code summary.json}
 * @param records         each variant's {@code variants/NAME/metrics.jsonl} by variant name (empty when absent)
 * @param unreadable      variants whose metrics or range test file exists but cannot be read, with the reason
 * @param specYaml        {@code spec.yaml}, or null when the directory has none
 * @param rangeTests      each variant's {@code variants/NAME/lr_find.json} by variant name, for the variants that
 *                        ran the learning-rate range test
 */
public record RunContents(RunSummary summary, Map<String, List<StepRecord>> records, Map<String, String> unreadable,
                          String specYaml, Map<String, LearningRateSearch> rangeTests) {

    public RunContents {
        records = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(records));
        unreadable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unreadable));
        rangeTests = rangeTests == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rangeTests));
    }

    /** Contents without range tests. */
    public RunContents(RunSummary summary, Map<String, List<StepRecord>> records, Map<String, String> unreadable, String specYaml) {
        this(summary, records, unreadable, specYaml, Map.of());
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
        Map<String, LearningRateSearch> rangeTests = new LinkedHashMap<>();
        Path variants = runDirectory.resolve("variants").normalize();
        for (VariantSummary v : summary.variants()) {
            Path folder = variants.resolve(v.name()).normalize();
            if (!folder.getParent().equals(variants)) {
                unreadable.put(v.name(), "the variant name is not a folder name under variants/");
                continue;
            }
            Path rangeTest = folder.resolve(RunDirectory.LR_FIND_FILE);
            if (Files.isRegularFile(rangeTest)) {
                try {
                    rangeTests.put(v.name(), Json.mapper().readValue(rangeTest.toFile(), LearningRateSearch.class));
                } catch (IOException e) {
                    unreadable.put(v.name(), rangeTest + ": not a range test: " + e.getMessage());
                }
            }
            Path metrics = folder.resolve(RunDirectory.METRICS_FILE);
            if (!Files.isRegularFile(metrics)) continue;
            try {
                records.put(v.name(), MetricsJsonl.read(metrics));
            } catch (IOException e) {
                unreadable.merge(v.name(), e.getMessage(), (a, b) -> a + "; " + b);
            }
        }
        Path spec = runDirectory.resolve("spec.yaml");
        String specYaml = Files.isRegularFile(spec) ? Files.readString(spec, StandardCharsets.UTF_8) : null;
        return new RunContents(summary, records, unreadable, specYaml, rangeTests);
    }
}
