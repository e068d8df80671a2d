package dev.gradflow.train;

/** What the targets mean, which decides the metric reported beside the loss. */
public enum Task {
    /** Real-valued targets; the metric is R². */
    REGRESSION,
    /** Class indices as floats; the metric is accuracy. */
    CLASSIFICATION
}
