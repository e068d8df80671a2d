package dev.gradflow.init;

import dev.gradflow.tensor.Shape;

/**
 * The fan-in and fan-out of a weight, as PyTorch's {@code torch.nn.init._calculate_fan_in_and_fan_out}: for a
 * weight of shape [out, in, k₁, k₂, …] (a linear layer's [out, in], a convolution's [out, in, kh, kw]) with
 * receptive field r = Π k_j (1 for a 2-D weight), fan_in = in·r and fan_out = out·r.
 */
public record Fans(int fanIn, int fanOut) {

    public Fans {
        if (fanIn < 0 || fanOut < 0) throw new IllegalArgumentException("fans must be non-negative, got in " + fanIn + ", out " + fanOut);
    }

    /** The fans of a weight of the given shape; {@code initializer} names the caller in the error for rank &lt; 2. */
    public static Fans of(String initializer, Shape weight) {
        if (weight.rank() < 2) {
            throw new IllegalArgumentException(initializer + ": fan in and fan out cannot be computed for shape " + weight
                    + " (needs at least 2 dimensions, [out, in, ...])");
        }
        int receptiveField = weight.innerSize(1);
        return new Fans(weight.dim(1) * receptiveField, weight.dim(0) * receptiveField);
    }
}
