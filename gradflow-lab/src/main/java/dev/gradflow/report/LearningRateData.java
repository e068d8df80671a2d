package dev.gradflow.report;

import dev.gradflow.lab.LearningRateSearch;
import dev.gradflow.lab.VariantSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's learning-rate charts: the range tests ({@code lr_find.json}: loss against the rate, with the
 * suggestions marked) and the sweep beside them — the final loss of the variants that set {@code training.lr}
 * against that rate, one line per combination of their other overrides (e.g. one per optimizer) — with the
 * range-test variants' own outcome at the rate they chose.
 *
 * @param rangeTests one per variant that ran the range test, grid order
 * @param sweep      the sweep's lines, each with at least {@link #MIN_SWEEP_POINTS} rates, in grid order
 */
public record LearningRateData(List<RangeTest> rangeTests, List<SweepLine> sweep) {
    /** The override a sweep varies. */
    static final String RATE_KEY = "training.lr";
    /** A line of fewer rates is no sweep. */
    static final int MIN_SWEEP_POINTS = 2;

    public LearningRateData {
        rangeTests = List.copyOf(rangeTests);
        sweep = List.copyOf(sweep);
    }

    /**
     * A range test and how its variant then trained.
     *
     * @param variant      the variant that ran it
     * @param optimizer    the optimizer it stepped
     * @param lrs          the rate of each step
     * @param losses       the batch loss of each step
     * @param smoothed     the smoothed loss (the curve the suggestions are read from)
     * @param valley       fastai's valley suggestion (NaN when none)
     * @param steepest     where the smoothed loss falls fastest per decade
     * @param minimumTenth a tenth of the rate at the lowest smoothed loss
     * @param use          which suggestion training used (valley, steepest, minimum_tenth, none)
     * @param learningRate the rate training used
     * @param status       the variant's status
     * @param lossFinal    its final training loss
     * @param accuracy     its final accuracy (NaN for regression)
     */
    public record RangeTest(String variant, String optimizer, List<Double> lrs, List<Double> losses, List<Double> smoothed,
                            double valley, double steepest, double minimumTenth, String use, double learningRate,
                            String status, double lossFinal, double accuracy) {}

    /**
     * The variants that share every override but the rate, by rate.
     *
     * @param label  their other overrides, {@code optimizer=adam} (empty when the rate is their only override)
     * @param points by ascending rate
     */
    public record SweepLine(String label, List<SweepPoint> points) {}

    /**
     * One variant of a sweep.
     *
     * @param variant   its name
     * @param rate      its {@code training.lr}
     * @param status    complete, failed or missing
     * @param lossFinal its final training loss (NaN unless complete)
     * @param accuracy  its final accuracy (NaN for regression)
     */
    public record SweepPoint(String variant, double rate, String status, double lossFinal, double accuracy) {}

    /** The charts' data, or null when there is no range test and no sweep. */
    static LearningRateData of(List<VariantSummary> variants, Map<String, LearningRateSearch> searches) {
        List<RangeTest> tests = new ArrayList<>();
        Map<String, List<SweepPoint>> lines = new LinkedHashMap<>();
        for (VariantSummary v : variants) {
            LearningRateSearch t = searches.get(v.name());
            if (t != null) {
                tests.add(new RangeTest(v.name(), t.optimizer(), rounded(t.lrs()), rounded(t.losses()), rounded(t.smoothed()),
                        t.valley(), t.steepest(), t.minimumTenth(), t.use(), t.learningRate(), v.status(), v.lossFinal(),
                        v.accuracy()));
                continue;
            }
            double rate = rate(v.overrides().get(RATE_KEY));
            if (!(rate > 0)) continue;
            List<String> others = new ArrayList<>();
            v.overrides().forEach((key, value) -> {
                if (!key.equals(RATE_KEY)) others.add(key.substring(key.lastIndexOf('.') + 1) + "=" + value);
            });
            String label = String.join(", ", others);
            if (v.name().contains(",seed=")) label += (label.isEmpty() ? "" : ", ") + "seed=" + v.seed();
            lines.computeIfAbsent(label, k -> new ArrayList<>()).add(new SweepPoint(v.name(), rate, v.status(), v.lossFinal(), v.accuracy()));
        }
        List<SweepLine> sweep = new ArrayList<>();
        lines.forEach((label, points) -> {
            if (points.size() < MIN_SWEEP_POINTS) return;
            List<SweepPoint> sorted = new ArrayList<>(points);
            sorted.sort(java.util.Comparator.comparingDouble(SweepPoint::rate));
            sweep.add(new SweepLine(label, sorted));
        });
        if (tests.isEmpty() && sweep.isEmpty()) return null;
        return new LearningRateData(tests, sweep);
    }

    /** The rate an override sets, or NaN when it is absent or not a number. */
    static double rate(String value) {
        if (value == null) return Double.NaN;
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static List<Double> rounded(List<Double> values) {
        List<Double> out = new ArrayList<>(values.size());
        for (double v : values) out.add(ChartData.round(v));
        return out;
    }
}
