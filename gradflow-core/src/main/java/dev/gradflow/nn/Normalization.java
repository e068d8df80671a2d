package dev.gradflow.nn;

/** The normalization layer a block builder inserts. */
public enum Normalization {
    NONE,
    /** {@link BatchNorm} over features ([N, C]) or channels ([N, C, H, W]). */
    BATCH_NORM,
    /** {@link LayerNorm} over the feature dimension; vector blocks only. */
    LAYER_NORM
}
