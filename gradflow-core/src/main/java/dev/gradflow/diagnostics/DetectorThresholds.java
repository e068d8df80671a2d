package dev.gradflow.diagnostics;

/**
 * The thresholds the detectors use. Defaults and why:
 *
 * @param vanishingRatio        vanishing when a layer's gradient is below this fraction of the last layer's. 1e-3 is
 *                              AUTOTRAINER's (Zhang et al., ICSE 2021) ‖g_first‖/‖g_last‖ &lt; 1e-3: three decades
 *                              lost cannot be made up by a learning rate shared across layers.
 * @param vanishingAbsolute     …and the first layer's weight gradient L2 norm is below this (AUTOTRAINER: 1e-4), so
 *                              a net whose last layer merely has a large gradient is not flagged.
 * @param explodingRatio        exploding when the first layer's gradient exceeds the last layer's by this factor
 *                              (AUTOTRAINER: 70).
 * @param explodingNorm         …or when any parameter's gradient L2 norm exceeds this (1e3: a step of lr·1e3 at any
 *                              usual learning rate moves weights by far more than their scale).
 * @param saturatedFraction     a sigmoid/tanh layer is saturated when more than this fraction of its outputs sit in
 *                              the flat region (0.5: most units pass almost no gradient).
 * @param deadFraction          dying ReLU when at least this fraction of a ReLU layer's units are zero for the whole
 *                              batch, or of the feeding weight gradient is exactly zero (AUTOTRAINER: 70%).
 * @param divergenceFactor      divergent when the loss grows above this multiple of its first value (10×), or becomes
 *                              non-finite.
 * @param stallImprovement      stalled when, over the recorded steps, the loss improved by less than this relative
 *                              amount (1%) …
 * @param stallUpdateRatio      …and the median update:weight ratio is below this (1e-5; ≈1e-3 is the usual healthy
 *                              order, Karpathy's rule of thumb used by DL4J's training UI).
 */
public record DetectorThresholds(double vanishingRatio, double vanishingAbsolute, double explodingRatio,
                                 double explodingNorm, double saturatedFraction, double deadFraction,
                                 double divergenceFactor, double stallImprovement, double stallUpdateRatio) {

    public DetectorThresholds {
        if (!(vanishingRatio > 0 && vanishingRatio < 1)) throw new IllegalArgumentException("vanishingRatio must be in (0, 1)");
        if (!(explodingRatio > 1)) throw new IllegalArgumentException("explodingRatio must be > 1");
        if (!(saturatedFraction > 0 && saturatedFraction <= 1)) throw new IllegalArgumentException("saturatedFraction must be in (0, 1]");
        if (!(deadFraction > 0 && deadFraction <= 1)) throw new IllegalArgumentException("deadFraction must be in (0, 1]");
        if (!(divergenceFactor > 1)) throw new IllegalArgumentException("divergenceFactor must be > 1");
    }

    public static DetectorThresholds defaults() {
        return new DetectorThresholds(1e-3, 1e-4, 70, 1e3, 0.5, 0.7, 10, 0.01, 1e-5);
    }
}
