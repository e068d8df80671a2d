package dev.gradflow.diagnostics;

/**
 * Statistics of one layer's output at one step.
 *
 * @param name               the layer's qualified name in the model ("0", "3.branch.1")
 * @param kind               the layer kind ("linear", "sigmoid", …)
 * @param activationMean     mean of the output over all elements of the batch
 * @param activationStd      population standard deviation of the output
 * @param saturatedFraction  fraction of outputs in the flat region of a sigmoid/tanh (0 for other kinds)
 * @param deadFraction       for ReLU layers, fraction of units that are zero for every example of the batch
 * @param gradOutputRms      RMS over units and examples of ∂loss/∂output with the loss summed over the batch
 *                           (the mean-reduced gradient times the batch size), so it does not depend on the batch size;
 *                           NaN when no gradient reached this output
 * @param gradOutputMax      max |∂loss/∂output| on the same per-example scale
 */
public record LayerStats(String name, String kind, double activationMean, double activationStd, double saturatedFraction,
                         double deadFraction, double gradOutputRms, double gradOutputMax) {}
