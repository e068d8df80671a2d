package dev.gradflow.nn.loss;

import dev.gradflow.tensor.Tensor;

/**
 * A differentiable loss reduced to a scalar as PyTorch reduces it by default (the mean over the batch unless a
 * loss says otherwise). Wrong target shapes throw an exception naming both shapes.
 */
public interface Loss {

    /** The scalar loss for {@code prediction} against {@code target}. */
    Tensor compute(Tensor prediction, Tensor target);

    /** The name used in specs and reports: "mse", "cross_entropy", … */
    String name();
}
