package dev.gradflow.train;

import dev.gradflow.data.Dataset;
import dev.gradflow.nn.Module;

/**
 * What a {@link TrainingListener} sees at one step.
 *
 * @param step         1 for the first optimizer update, counting across epochs
 * @param epoch        1 for the first pass over the training split
 * @param model        the model being trained (its parameters and, after backward, their gradients)
 * @param loss         the batch loss of this step; NaN in {@link TrainingListener#beforeStep} (not computed yet)
 * @param learningRate the learning rate this step's update uses
 * @param batch        the examples of this step
 * @param clipping     the global gradient norm before clipping and whether clipping scales the gradients;
 *                     {@link ClippingResult#PENDING} in {@link TrainingListener#beforeStep}
 */
public record StepContext(
        long step, long epoch, Module model, double loss, double learningRate, Dataset batch, ClippingResult clipping) {

    /** This context once the loss and the gradients of the step are known. */
    StepContext afterBackward(double lossValue, ClippingResult result) {
        return new StepContext(step, epoch, model, lossValue, learningRate, batch, result);
    }
}
