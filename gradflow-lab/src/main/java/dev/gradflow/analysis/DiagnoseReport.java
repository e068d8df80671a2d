package dev.gradflow.analysis;

import dev.gradflow.diagnostics.Finding;
import java.util.List;

/**
 * What {@code gradflow diagnose} reports for a model spec at initialization (or for given weights), written as
 * JSON by {@code dev.gradflow.report.Json}:
 * <pre>{"loss":..,"parameters":[{"name":"0.weight","shape":[128,10],"grad_l2_norm":..}],
 *  "layers":[{"index":0,"kind":"linear","activation_mean":..,"activation_std":..,"saturated_fraction":..,
 *             "dead_fraction":..,"grad_output_rms":..}],
 *  "jacobian":{"singular_values":[..],"mean_squared":..,"max":..,"min":..,"condition_number":..},
 *  "findings":[{"kind":"vanishing","severity":"critical","layers":[..],"evidence":{..},"cause":"..",
 *               "remedies":[{"action":"..","reason":".."}]}],
 *  "runs":4}</pre>
 * {@code loss} and {@code grad_l2_norm} are those of the spec's loss reduced as PyTorch reduces it by default (the
 * batch mean), so they compare with PyTorch directly; {@code grad_output_rms} is the RMS over units and examples of
 * ∂loss/∂(entry output) with the loss summed over the batch, so it does not depend on the batch size. With several
 * batches or seeds each number is the mean over the runs (RMS values pooled). {@code layers} has one entry per spec
 * entry, in order. {@code jacobian} is null when the network is too large for an exact Jacobian.
 */
public record DiagnoseReport(double loss, List<Parameter> parameters, List<Layer> layers, Spectrum jacobian,
                             List<Finding> findings, int runs) {

    public record Parameter(String name, int[] shape, double gradL2Norm) {}

    public record Layer(int index, String kind, double activationMean, double activationStd, double saturatedFraction,
                        double deadFraction, double gradOutputRms) {}

    public record Spectrum(double[] singularValues, double meanSquared, double max, double min, double conditionNumber) {}
}
