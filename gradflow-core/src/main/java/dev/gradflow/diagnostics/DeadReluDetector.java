package dev.gradflow.diagnostics;

import dev.gradflow.diagnostics.Finding.Remedy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dying ReLU: a ReLU layer where at least {@code deadFraction} of the units output 0 for every example of the batch
 * (they receive no gradient, so nothing revives them). Uses the latest record.
 */
public final class DeadReluDetector implements Detector {

    @Override
    public List<Finding> detect(DiagnosticContext c) {
        List<String> layers = new ArrayList<>();
        Map<String, Double> evidence = new LinkedHashMap<>();
        for (LayerStats l : c.latest().layers()) {
            if (l.kind().equals("relu") && l.deadFraction() >= c.thresholds().deadFraction()) {
                layers.add(l.name());
                evidence.put("dead_fraction_" + l.name(), l.deadFraction());
            }
        }
        if (layers.isEmpty()) return List.of();
        String cause = "these units are negative for every input, so ReLU′ = 0 and no gradient reaches their weights; a learning rate"
                + " that is too high, or a large negative bias, pushes units there.";
        List<Remedy> remedies = List.of(
                new Remedy("lower the learning rate (run lr-find)", "large steps are the usual way units are knocked into the dead region"),
                new Remedy("use LeakyReLU, ELU or GELU", "they keep a non-zero derivative for negative inputs, so dead units can recover"),
                new Remedy("use He init and standardized inputs", "pre-activations then start centred, with half the units active"));
        return List.of(new Finding(Finding.Kind.DEAD_RELU, Finding.Severity.WARNING, layers, evidence, cause, remedies));
    }
}
