package dev.gradflow.backend;

/**
 * What {@link Kernels#summarizeParameter} finds in one pass over a parameter's weights and gradient.
 *
 * @param weightSumOfSquares Σ_i w_i², accumulated in double
 * @param gradient           the gradient's {@link MagnitudeSummary}
 */
public record ParameterSummary(double weightSumOfSquares, MagnitudeSummary gradient) {}
