package dev.gradflow.train;

import dev.gradflow.optim.UpdateObserver;

/**
 * Hooks into {@link Trainer}'s loop; every method has an empty default, so a listener overrides only what it
 * needs. Listeners run on the training thread in the order they were added.
 *
 * <p>Order within one step: {@link #beforeStep} → forward and loss → backward → global gradient norm measured →
 * {@link #afterBackward} → gradients clipped (if that fires) → optimizer step → {@link #afterStep} → (every
 * evaluation interval) {@link #onEvaluation}. A listener must not change parameters or gradients unless that is
 * its purpose (then it says so); the clipping decision is taken before {@link #afterBackward}.
 *
 * <p>A step runs inside a {@code StepMemory} scope: tensors created by ops during the step (layer outputs seen by
 * a {@code Sequential.LayerObserver}, results a listener computes) can be read until {@link #afterStep} returns and
 * are invalid afterwards (reading one throws). A listener that keeps one beyond the step keeps a {@code copy()}.
 */
public interface TrainingListener {

    /** Before the forward pass of a step; the loss is not known yet. */
    default void beforeStep(StepContext context) {}

    /**
     * After backward, before clipping and the optimizer step: every parameter holds its raw gradient of the batch
     * loss, and {@link StepContext#clipping()} holds their global norm and whether clipping will scale them.
     * Diagnostics attach here.
     */
    default void afterBackward(StepContext context) {}

    /**
     * Asked just before the optimizer step: an observer the step should report its writes to (old and new values
     * of each block of weights, see {@link UpdateObserver}), or null (the default) when this listener does not need
     * them. The gradient-flow probe measures the update this way on the steps it records.
     */
    default UpdateObserver updateObserver() {
        return null;
    }

    /** After the optimizer has updated the parameters. */
    default void afterStep(StepContext context) {}

    /** After the model has been evaluated on the training (and validation) split. */
    default void onEvaluation(Evaluation evaluation) {}
}
