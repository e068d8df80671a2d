package dev.gradflow.nn;

import dev.gradflow.tensor.Tensor;

/**
 * Flattens every dimension after the first, as torch.nn.Flatten(): [N, d₁, …, d_k] → [N, d₁·…·d_k], row-major,
 * so [N, C, H, W] becomes [N, C·H·W] with index c·H·W + h·W + w. A reshape: no copy, the gradient reshapes back.
 */
public final class Flatten implements Module {

    @Override
    public Tensor forward(Tensor input) {
        if (input.rank() < 2) {
            throw new IllegalArgumentException("flatten: needs input [N, ...] of rank >= 2, got " + input.shape());
        }
        return input.reshape(input.dim(0), input.shape().innerSize(0));
    }

    @Override
    public String kind() {
        return "flatten";
    }
}
