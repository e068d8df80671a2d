package dev.gradflow.train;

/**
 * Hooks into {@link Trainer}'s loop; every method has an empty default, so a listener overrides only what it
 * needs. Listeners run on the training thread in the order they were added.
 *
 * <p>Order within one step: {@link #beforeStep} → forward and loss → backward → gradient clipping →
 * {@link #afterBackward} → optimizer step → {@link #afterStep} → (every evaluation interval) {@link #onEvaluation}.
 * A listener must not change parameters or gradients unless that is its purpose (then it says so).
 */
public interface TrainingListener {

    /** Before the forward pass of a step; the loss is not known yet. */
    default void beforeStep(StepContext context) {}

    /**
     * After backward and clipping, before the optimizer step: every parameter's gradient is the one the optimizer
     * will apply, and {@link StepContext#clipping()} holds the norm measured before clipping. Diagnostics attach here.
     */
    default void afterBackward(StepContext context) {}

    /** After the optimizer has updated the parameters. */
    default void afterStep(StepContext context) {}

    /** After the model has been evaluated on the training (and validation) split. */
    default void onEvaluation(Evaluation evaluation) {}
}
