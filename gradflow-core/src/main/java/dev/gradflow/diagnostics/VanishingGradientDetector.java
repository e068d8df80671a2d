package dev.gradflow.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vanishing gradients: the first layers receive a gradient orders of magnitude smaller than the last.
 *
 * <p>Fires when ‖∂L/∂W_first‖/‖∂L/∂W_last‖ &lt; {@code vanishingRatio} and ‖∂L/∂W_first‖ &lt;
 * {@code vanishingAbsolute} (AUTOTRAINER's rule), or when the backpropagated gradient RMS(∂L/∂out) at the first
 * weight layer is below {@code vanishingRatio} times the last one's. It names every weight layer past either
 * threshold. Uses the latest record.
 */
public final class VanishingGradientDetector implements Detector {

    @Override
    public List<Finding> detect(DiagnosticContext c) {
        GradientFlowProfile p = GradientFlowProfile.of(c.anatomy(), c.latest());
        List<GradientFlowProfile.Point> pts = p.points();
        if (pts.size() < 2) return List.of();
        DetectorThresholds t = c.thresholds();
        GradientFlowProfile.Point first = pts.get(0);
        GradientFlowProfile.Point last = pts.get(pts.size() - 1);
        boolean byWeights = p.weightGradRatio() < t.vanishingRatio() && first.weightGradL2() < t.vanishingAbsolute();
        boolean byBackprop = p.backpropRatio() < t.vanishingRatio();
        if (!byWeights && !byBackprop) return List.of();

        List<String> layers = new ArrayList<>();
        for (GradientFlowProfile.Point q : pts) {
            if (q.weightGradL2() / last.weightGradL2() < t.vanishingRatio() || q.backpropRms() / last.backpropRms() < t.vanishingRatio()) {
                layers.add(q.layer());
            }
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("first_to_last_weight_grad_ratio", p.weightGradRatio());
        evidence.put("first_weight_grad_l2", first.weightGradL2());
        evidence.put("last_weight_grad_l2", last.weightGradL2());
        evidence.put("first_to_last_backprop_ratio", p.backpropRatio());
        evidence.put("decades_per_layer", p.decadesPerLayer());
        evidence.put("weight_layers", (double) pts.size());
        double worst = Math.min(nanToOne(p.weightGradRatio()), nanToOne(p.backpropRatio()));
        Finding.Severity severity = worst < t.vanishingRatio() * 1e-2 ? Finding.Severity.CRITICAL : Finding.Severity.WARNING;
        return List.of(new Finding(Finding.Kind.VANISHING, severity, layers, evidence, Causes.vanishing(c.anatomy()),
                Causes.vanishingRemedies(c.anatomy())));
    }

    private static double nanToOne(double v) {
        return Double.isNaN(v) ? 1.0 : v;
    }
}
