package dev.gradflow.train;

/**
 * The learning rate for each step, set on the optimizer before the step. {@code completedSteps} is the number of
 * updates already applied (0 for the first step), as PyTorch schedulers count {@code last_epoch}.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    double learningRate(long completedSteps);
}
