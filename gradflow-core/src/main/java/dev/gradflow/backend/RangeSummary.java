package dev.gradflow.backend;

/**
 * What {@link Kernels#summarizeRange} finds in one pass over an array x of n values, given bounds low ≤ high.
 *
 * @param sum          Σ_i x_i, accumulated in double
 * @param sumOfSquares Σ_i x_i², accumulated in double
 * @param outside      the number of x_i with x_i &lt; low or x_i &gt; high (NaN is neither)
 */
public record RangeSummary(double sum, double sumOfSquares, int outside) {}
