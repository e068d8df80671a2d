package dev.gradflow.nn;

/** Whether a layer adds a learned bias (PyTorch's {@code bias=True/False}). */
public enum BiasTerm {
    WITH_BIAS,
    /** No bias: typical right before a normalization layer, whose β makes a bias redundant. */
    WITHOUT_BIAS
}
