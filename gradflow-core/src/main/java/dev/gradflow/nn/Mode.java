package dev.gradflow.nn;

/** Whether modules behave as in training (dropout active, batch statistics) or evaluation. */
public enum Mode {
    TRAINING,
    EVALUATION
}
