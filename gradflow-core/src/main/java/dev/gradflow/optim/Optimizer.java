package dev.gradflow.optim;

import dev.gradflow.tensor.Tensor;
import java.util.List;

/**
 * Updates parameters from their accumulated gradients, with PyTorch's semantics.
 *
 * <p>Lifecycle per training step: {@link #zeroGrad()}, forward, {@code loss.backward()}, optionally clip the
 * gradients, {@link #step()}. State (moment buffers, step counts) is allocated on the first step and reused;
 * a parameter whose gradient is null is skipped, as in PyTorch.
 */
public interface Optimizer {

    /** Applies one update to every parameter that has a gradient. */
    void step();

    /** Zeroes every parameter's gradient (keeping the buffers). */
    default void zeroGrad() {
        for (Tensor p : parameters()) p.zeroGrad();
    }

    /** The learning rate in force for the next step. */
    double learningRate();

    /** Sets the learning rate for the next steps (schedules call this). */
    void setLearningRate(double learningRate);

    /** The parameters this optimizer updates, in order. */
    List<Tensor> parameters();

    /** A short name for reports: "sgd", "adam", … */
    String name();
}
