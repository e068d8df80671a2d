package dev.gradflow.diagnostics;

import dev.gradflow.diagnostics.Finding.Remedy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NaN or infinite values in the loss, a layer's output or a gradient. Names the first layer (in forward order)
 * whose output or backpropagated gradient is non-finite, and the parameters with non-finite gradients.
 */
public final class NonFiniteDetector implements Detector {

    @Override
    public List<Finding> detect(DiagnosticContext c) {
        for (StepRecord r : c.records()) {
            List<String> layers = nonFiniteSites(r);
            if (layers.isEmpty() && Double.isFinite(r.loss())) continue;
            long badParams = 0;
            for (ParameterStats p : r.parameters()) badParams += p.nonFinite();
            Map<String, Double> evidence = new LinkedHashMap<>();
            evidence.put("step", (double) r.step());
            evidence.put("loss", r.loss());
            evidence.put("non_finite_gradient_values", (double) badParams);
            String where = layers.isEmpty() ? "the loss" : "layer " + layers.get(0);
            String cause = "non-finite values first appear at " + where + " at step " + r.step()
                    + "; usually a learning rate so high that weights overflow, or NaN/Inf in the input data.";
            List<Remedy> remedies = List.of(
                    new Remedy("lower the learning rate (run lr-find)", "overflowing weights are the most common source of NaN"),
                    new Remedy("clip gradients by global norm", "it bounds the size of any single step"),
                    new Remedy("check the input data for NaN or Inf", "gradflow's loaders reject them, but hand-built tensors are not checked"),
                    new Remedy("use numerically stable losses (bce_with_logits, cross_entropy on logits)", "they never take log(0)"));
            return List.of(new Finding(Finding.Kind.NON_FINITE, Finding.Severity.CRITICAL, layers, evidence, cause, remedies));
        }
        return List.of();
    }

    /** True when this detector would flag {@code r}: a non-finite loss, layer output or gradient. */
    static boolean isNonFinite(StepRecord r) {
        return !Double.isFinite(r.loss()) || !nonFiniteSites(r).isEmpty();
    }

    /** The layers (forward order) whose output or backpropagated gradient is non-finite, then the parameters with non-finite gradients. */
    private static List<String> nonFiniteSites(StepRecord r) {
        List<String> sites = new ArrayList<>();
        for (LayerStats l : r.layers()) {
            if (!Double.isFinite(l.activationMean()) || Double.isInfinite(l.gradOutputRms())
                    || (Double.isNaN(l.gradOutputRms()) && !Double.isNaN(l.gradOutputMax()))) {
                sites.add(l.name());
            }
        }
        for (ParameterStats p : r.parameters()) if (p.nonFinite() > 0) sites.add(p.name());
        return sites;
    }
}
