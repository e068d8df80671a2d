package dev.gradflow.train;

/**
 * A step that {@link NonFinitePolicy.SkipStep} skipped: which quantity was not finite, its value, and where the
 * first non-finite value appeared.
 *
 * @param step     1-based step
 * @param quantity "loss" or "global gradient norm"
 * @param value    NaN or ±infinity
 * @param origin   where the first non-finite value appeared
 */
public record SkippedStep(long step, String quantity, double value, NonFiniteOrigin origin) {}
