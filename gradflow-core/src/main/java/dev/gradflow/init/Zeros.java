package dev.gradflow.init;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** W = 0 (torch.nn.init.zeros_); Var(W) = 0. Draws nothing from the generator. */
public record Zeros() implements Initializer {

    @Override
    public void fillInPlace(Tensor tensor, Shape fanShape, RandomGenerator random) {
        Arrays.fill(tensor.data(), 0f);
    }

    @Override
    public String name() {
        return "zeros";
    }
}
