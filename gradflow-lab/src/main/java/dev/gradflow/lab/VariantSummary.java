package dev.gradflow.lab;

import dev.gradflow.diagnostics.Finding;
import java.util.List;
import java.util.Map;

/**
 * One row of a run's summary: what a variant changed, how its training went, and what the probes saw.
 * Gradient fields refer to the first weight layer, measured on the data loss alone (penalty terms excluded).
 *
 * @param name                   the variant's name (also its folder under {@code variants/})
 * @param overrides              what this variant changes relative to the base spec, as dotted key → value
 * @param status                 "complete", "failed" or "missing" (never started or interrupted)
 * @param error                  the failure message, or null
 * @param steps                  optimizer steps taken
 * @param lossInitial            training loss at the first step (the batch loss of step 1, before any update)
 * @param lossFinal              training loss at the last step (over the training split, after the last update;
 *                               NaN when the run failed)
 * @param accuracy               final validation (else training) accuracy for classification; NaN otherwise
 * @param firstLayerGradInit     ‖∂L/∂W₁‖ at the first step
 * @param firstLayerGradEnd      ‖∂L/∂W₁‖ at the last recorded step
 * @param firstLayerBackpropInit RMS of ∂L/∂(first pre-activation), per example, at the first step
 * @param firstLayerBackpropEnd  the same at the last recorded step
 * @param decadesPerLayerInit    decades the backpropagated gradient changes per layer (negative: shrinking
 *                               towards the input), at the first step
 * @param decadesPerLayerEnd     the same at the last recorded step
 * @param findings               the detectors' findings over the run, worst first
 * @param seconds                wall time (including a learning-rate range test)
 * @param seed                   the seed of this run (weights, dropout, batch order, validation split)
 * @param learningRate           the base learning rate trained with (the range test's suggestion when one was used)
 * @param testLoss               loss on the test data after training, or NaN without test data
 * @param testAccuracy           accuracy on the test data for classification, else NaN
 * @param stopReason             why training ended: "budget_exhausted", "early_stopped", "diverged", or null
 */
public record VariantSummary(String name, Map<String, String> overrides, String status, String error, long steps,
                             double lossInitial, double lossFinal, double accuracy, double firstLayerGradInit,
                             double firstLayerGradEnd, double firstLayerBackpropInit, double firstLayerBackpropEnd,
                             double decadesPerLayerInit, double decadesPerLayerEnd, List<Finding> findings, double seconds,
                             long seed, double learningRate, double testLoss, double testAccuracy, String stopReason) {

    public VariantSummary {
        overrides = overrides == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overrides));
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** A summary without the run's seed, learning rate, test metrics and stop reason (seed 0, the rest unknown). */
    public VariantSummary(String name, Map<String, String> overrides, String status, String error, long steps,
                          double lossInitial, double lossFinal, double accuracy, double firstLayerGradInit,
                          double firstLayerGradEnd, double firstLayerBackpropInit, double firstLayerBackpropEnd,
                          double decadesPerLayerInit, double decadesPerLayerEnd, List<Finding> findings, double seconds) {
        this(name, overrides, status, error, steps, lossInitial, lossFinal, accuracy, firstLayerGradInit, firstLayerGradEnd,
                firstLayerBackpropInit, firstLayerBackpropEnd, decadesPerLayerInit, decadesPerLayerEnd, findings, seconds,
                0, Double.NaN, Double.NaN, Double.NaN, null);
    }

    /** A variant that did not run to completion (interrupted before it started or finished). */
    public static VariantSummary missing(String name, Map<String, String> overrides) {
        return missing(name, overrides, 0);
    }

    /** A variant of seed {@code seed} that did not run to completion. */
    public static VariantSummary missing(String name, Map<String, String> overrides, long seed) {
        return new VariantSummary(name, overrides, "missing", null, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(), Double.NaN, seed, Double.NaN, Double.NaN, Double.NaN, null);
    }
}
