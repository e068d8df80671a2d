package dev.gradflow.backend;

/**
 * What {@link Kernels#summarizeMagnitudes} finds in one pass over an array x of n values.
 *
 * @param sumOfSquares Σ_i x_i² over all i, accumulated in double (not finite when some x_i is NaN or ±∞)
 * @param maxAbs       max |x_i| over the finite x_i (0 when there is none)
 * @param zeros        the number of x_i equal to 0 (+0 or −0)
 * @param nonFinite    the number of x_i that are NaN or ±∞
 */
public record MagnitudeSummary(double sumOfSquares, float maxAbs, int zeros, int nonFinite) {}
