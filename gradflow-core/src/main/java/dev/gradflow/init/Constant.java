package dev.gradflow.init;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** W = c (torch.nn.init.constant_); Var(W) = 0. Draws nothing from the generator. */
public record Constant(double value) implements Initializer {

    public Constant {
        if (Double.isNaN(value)) throw new IllegalArgumentException("constant: value must be a number, got NaN");
    }

    @Override
    public void fillInPlace(Tensor tensor, Shape fanShape, RandomGenerator random) {
        Arrays.fill(tensor.data(), (float) value);
    }

    @Override
    public String name() {
        return "constant";
    }
}
