package dev.gradflow.nn;

import dev.gradflow.autograd.PoolOps;
import dev.gradflow.autograd.Window2d;
import dev.gradflow.tensor.Tensor;

/**
 * Max pooling over H×W, as torch.nn.MaxPool2d: y[n, c, oh, ow] = max of x over the window at (oh·s − p, ow·s − p);
 * the gradient goes to the maximum (the first in row-major order on ties). See {@link PoolOps#maxPool2d}.
 */
public final class MaxPool2d implements Module {
    private final Window2d window;

    /** A kernel×kernel window moved by {@code stride}, without padding. */
    public MaxPool2d(int kernel, int stride) {
        this(Window2d.square(kernel, stride, 0));
    }

    public MaxPool2d(Window2d window) {
        this.window = window;
    }

    public Window2d window() {
        return window;
    }

    @Override
    public Tensor forward(Tensor input) {
        return PoolOps.maxPool2d(input, window);
    }

    @Override
    public String kind() {
        return "max_pool2d";
    }
}
