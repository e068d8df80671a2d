package dev.gradflow.data;

/**
 * What a dataset's targets are: {@link #CLASSIFICATION} targets are class indices 0, 1, … stored as floats in a
 * tensor of shape [N]; {@link #REGRESSION} targets are real values of shape [N, k].
 */
public enum Task {
    CLASSIFICATION,
    REGRESSION
}
