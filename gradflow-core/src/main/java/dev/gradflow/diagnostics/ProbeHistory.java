package dev.gradflow.diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * The step records a {@link GradientFlowProbe} keeps in memory: at most {@code capacity} of them plus three pinned
 * ones, however long training runs (every record still reaches the probe's sinks, e.g. {@code metrics.jsonl}).
 *
 * <p>Retention policy, for C = capacity:
 * <ul>
 *   <li>while at most C records have been published, all of them;</li>
 *   <li>after that, an evenly thinned sample of the whole run: once the sample would exceed C records, every second
 *       one is dropped and the stride doubles, so it holds the 1st, (1+s)-th, (1+2s)-th, … published record (s a
 *       power of two), between C/2 and C of them, always including the first;</li>
 *   <li>and always the latest record (the detectors of gradient flow, saturation and dead units read it, and reports
 *       show it), the first record with a non-finite loss, layer output or gradient ({@link NonFiniteDetector} names
 *       where NaN first appeared), and the record with the highest loss ({@link LossTrendDetector}'s
 *       {@code loss_max}).</li>
 * </ul>
 * So the first, last, highest-loss and first non-finite records, which the detectors and the gradient-flow
 * profile read, are exact at any length; statistics over all records (the median update:weight ratio of the stall
 * rule, a mean) are taken over the evenly spaced sample once a run publishes more than C records.
 */
final class ProbeHistory {
    private final int capacity;
    private final List<StepRecord> sample = new ArrayList<>();
    private long published;
    private long stride = 1;
    private StepRecord latest;
    private StepRecord firstNonFinite;
    private StepRecord highestLoss;

    ProbeHistory(int capacity) {
        if (capacity < 2) throw new IllegalArgumentException("probe history capacity must be >= 2, got " + capacity);
        this.capacity = capacity;
    }

    void add(StepRecord record) {
        if (published % stride == 0) {
            sample.add(record);
            if (sample.size() > capacity) thin();
        }
        published++;
        latest = record;
        if (firstNonFinite == null && NonFiniteDetector.isNonFinite(record)) firstNonFinite = record;
        if (highestLoss == null || record.loss() > highestLoss.loss()) highestLoss = record;
    }

    /** Keeps the records at even positions (published index 0, 2s, 4s, …) and doubles the stride. */
    private void thin() {
        int kept = 0;
        for (int i = 0; i < sample.size(); i += 2) sample.set(kept++, sample.get(i));
        sample.subList(kept, sample.size()).clear();
        stride *= 2;
    }

    /** The retained records, oldest first, each once. */
    List<StepRecord> records() {
        List<StepRecord> out = new ArrayList<>(sample.size() + 3);
        out.addAll(sample);
        for (StepRecord pinned : new StepRecord[] {firstNonFinite, highestLoss, latest}) {
            if (pinned != null && !containsSameRecord(out, pinned)) insertInStepOrder(out, pinned);
        }
        return List.copyOf(out);
    }

    /** The number of records published so far (retained or not). */
    long published() {
        return published;
    }

    private static boolean containsSameRecord(List<StepRecord> records, StepRecord record) {
        for (StepRecord r : records) if (r == record) return true;
        return false;
    }

    private static void insertInStepOrder(List<StepRecord> records, StepRecord record) {
        int at = records.size();
        while (at > 0 && records.get(at - 1).step() > record.step()) at--;
        records.add(at, record);
    }
}
