package dev.gradflow.diagnostics;

import dev.gradflow.diagnostics.Finding.Remedy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saturated sigmoid/tanh layers: more than {@code saturatedFraction} of a layer's outputs sit where the derivative is
 * nearly 0 (sigmoid outside [0.01, 0.99], tanh beyond |y| &gt; 0.99 by default), so those units pass almost no
 * gradient back. Uses the latest record.
 */
public final class SaturationDetector implements Detector {

    @Override
    public List<Finding> detect(DiagnosticContext c) {
        List<String> layers = new ArrayList<>();
        Map<String, Double> evidence = new LinkedHashMap<>();
        double worst = 0;
        for (LayerStats l : c.latest().layers()) {
            if (l.saturatedFraction() > c.thresholds().saturatedFraction()) {
                layers.add(l.name());
                evidence.put("saturated_fraction_" + l.name(), l.saturatedFraction());
                worst = Math.max(worst, l.saturatedFraction());
            }
        }
        if (layers.isEmpty()) return List.of();
        String cause = "pre-activations are too large for the squashing activation, so its derivative is nearly 0 for most units"
                + " (largest saturated fraction " + Causes.fmt(worst) + ").";
        List<Remedy> remedies = List.of(
                new Remedy("scale the initialization down (Xavier/Glorot for tanh and sigmoid)", "smaller weights keep pre-activations in the linear region where the derivative is largest"),
                new Remedy("add normalization (BatchNorm or LayerNorm) before the activation", "it re-centres and rescales pre-activations every step"),
                new Remedy("switch to a non-saturating activation (ReLU, GELU, SiLU)", "they have no flat region on the positive side"),
                new Remedy("standardize the input features", "large raw inputs saturate the first layer"));
        return List.of(new Finding(Finding.Kind.SATURATION, worst > 0.9 ? Finding.Severity.CRITICAL : Finding.Severity.WARNING,
                layers, evidence, cause, remedies));
    }
}
