package dev.gradflow.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exploding gradients: the first layers receive a gradient far larger than the last
 * (ratio &gt; {@code explodingRatio}, AUTOTRAINER's 70), or some parameter's gradient norm exceeds
 * {@code explodingNorm}. Uses the latest record.
 */
public final class ExplodingGradientDetector implements Detector {

    @Override
    public List<Finding> detect(DiagnosticContext c) {
        DetectorThresholds t = c.thresholds();
        GradientFlowProfile p = GradientFlowProfile.of(c.anatomy(), c.latest());
        boolean byRatio = p.points().size() >= 2 && (p.weightGradRatio() > t.explodingRatio() || p.backpropRatio() > t.explodingRatio());
        List<String> large = new ArrayList<>();
        double maxNorm = 0;
        for (ParameterStats s : c.latest().parameters()) {
            if (s.gradL2() > t.explodingNorm()) large.add(s.name());
            if (s.gradL2() > maxNorm) maxNorm = s.gradL2();
        }
        if (!byRatio && large.isEmpty()) return List.of();
        List<String> layers = new ArrayList<>();
        if (byRatio) {
            GradientFlowProfile.Point last = p.points().get(p.points().size() - 1);
            for (GradientFlowProfile.Point q : p.points()) {
                if (q.weightGradL2() / last.weightGradL2() > t.explodingRatio() || q.backpropRms() / last.backpropRms() > t.explodingRatio()) {
                    layers.add(q.layer());
                }
            }
        }
        for (String name : large) if (!layers.contains(name)) layers.add(name);
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("first_to_last_weight_grad_ratio", p.weightGradRatio());
        evidence.put("first_to_last_backprop_ratio", p.backpropRatio());
        evidence.put("max_grad_l2", maxNorm);
        evidence.put("decades_per_layer", p.decadesPerLayer());
        Finding.Severity severity = maxNorm > t.explodingNorm() * 1e3 || !Double.isFinite(maxNorm) ? Finding.Severity.CRITICAL : Finding.Severity.WARNING;
        return List.of(new Finding(Finding.Kind.EXPLODING, severity, layers, evidence, Causes.exploding(c.anatomy()), Causes.explodingRemedies()));
    }
}
