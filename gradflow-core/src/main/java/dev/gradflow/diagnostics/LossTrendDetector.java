package dev.gradflow.diagnostics;

import dev.gradflow.diagnostics.Finding.Remedy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss over the recorded steps: divergent (it ends above {@code divergenceFactor} × its first value, or
 * non-finite) — a learning rate too high — or stalled (improved by less than {@code stallImprovement} over at least
 * 10 records while the median update:weight ratio is below {@code stallUpdateRatio}) — a learning rate too low or
 * updates too small to move the weights.
 */
public final class LossTrendDetector implements Detector {
    private static final int MIN_RECORDS_FOR_STALL = 10;

    @Override
    public List<Finding> detect(DiagnosticContext c) {
        List<StepRecord> rs = c.records();
        if (rs.size() < 2) return List.of();
        DetectorThresholds t = c.thresholds();
        double first = rs.get(0).loss();
        double last = rs.get(rs.size() - 1).loss();
        double lr = rs.get(rs.size() - 1).learningRate();
        double max = rs.stream().mapToDouble(StepRecord::loss).max().orElse(Double.NaN);
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("loss_first", first);
        evidence.put("loss_last", last);
        evidence.put("loss_max", max);
        evidence.put("learning_rate", lr);
        if (!Double.isFinite(last) || last > t.divergenceFactor() * first) {
            String cause = "the loss grew from " + Causes.fmt(first) + " to " + Causes.fmt(last) + ": the learning rate ("
                    + Causes.fmt(lr) + ") is too high for this model's curvature, so each step overshoots.";
            List<Remedy> remedies = List.of(
                    new Remedy("lower the learning rate about 10× (run lr-find for a measured choice)", "the steepest-descent rule of the LR range test picks a rate below the divergence point"),
                    new Remedy("clip gradients by global norm", "it caps the step size when a large gradient arrives"),
                    new Remedy("add a linear warm-up", "early steps, where curvature is highest, are taken at a small rate"));
            return List.of(new Finding(Finding.Kind.DIVERGENT, Finding.Severity.CRITICAL, List.of(), evidence, cause, remedies));
        }
        if (rs.size() >= MIN_RECORDS_FOR_STALL && first > 0 && (first - last) / first < t.stallImprovement()) {
            double median = medianUpdateRatio(rs);
            evidence.put("median_update_ratio", median);
            if (median < t.stallUpdateRatio()) {
                String cause = "the loss barely moved (" + Causes.fmt(first) + " → " + Causes.fmt(last) + ") and updates change the weights by only "
                        + Causes.fmt(median) + " of their size per step: the learning rate (" + Causes.fmt(lr) + ") is too low, or the gradients reaching the weights are too small.";
                List<Remedy> remedies = List.of(
                        new Remedy("raise the learning rate (run lr-find)", "update:weight ratios near 1e-3 are the usual healthy order"),
                        new Remedy("train with Adam", "its per-parameter step is ≈ lr regardless of the gradient's scale"),
                        new Remedy("check for vanishing gradients (gradflow diagnose)", "tiny gradients give tiny plain-SGD updates"));
                return List.of(new Finding(Finding.Kind.STALLED, Finding.Severity.WARNING, List.of(), evidence, cause, remedies));
            }
        }
        return List.of();
    }

    private static double medianUpdateRatio(List<StepRecord> rs) {
        double[] v = rs.stream().flatMap(r -> r.parameters().stream()).mapToDouble(ParameterStats::updateRatio)
                .filter(Double::isFinite).toArray();
        if (v.length == 0) return Double.NaN;
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
