package dev.gradflow.nn;

import dev.gradflow.autograd.Pointwise;
import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.tensor.Tensor;

/** An activation layer applying a {@link PointwiseFunction} elementwise; it has no parameters. */
public final class Activation implements Module {
    private final PointwiseFunction function;

    public Activation(PointwiseFunction function) {
        this.function = function;
    }

    /** The activation of this name with PyTorch's default parameters ("relu", "sigmoid", "leaky_relu", …). */
    public static Activation of(String name) {
        return new Activation(PointwiseFunction.byName(name));
    }

    public PointwiseFunction function() {
        return function;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Pointwise.apply(function, input);
    }

    @Override
    public String kind() {
        return function.name();
    }
}
