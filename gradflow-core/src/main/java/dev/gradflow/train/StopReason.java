package dev.gradflow.train;

/** Why a training run ended. */
public enum StopReason {
    /** The configured number of steps or epochs ran. */
    BUDGET_EXHAUSTED,
    /** The validation loss stopped improving for the configured patience. */
    EARLY_STOPPED,
    /** The loss or the gradient norm became NaN or infinite; see {@link TrainingDivergedException}. */
    DIVERGED
}
