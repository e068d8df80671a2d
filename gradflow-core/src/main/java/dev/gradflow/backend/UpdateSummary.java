package dev.gradflow.backend;

/**
 * What {@link Kernels#summarizeUpdate} finds in one pass over a parameter's values before and after an update.
 *
 * @param beforeSumOfSquares     Σ_i before_i², accumulated in double
 * @param differenceSumOfSquares Σ_i d_i² with d_i = after_i − before_i rounded to float, accumulated in double
 */
public record UpdateSummary(double beforeSumOfSquares, double differenceSumOfSquares) {}
