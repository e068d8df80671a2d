package dev.gradflow.nn;

import dev.gradflow.autograd.PoolOps;
import dev.gradflow.autograd.Window2d;
import dev.gradflow.tensor.Tensor;

/**
 * Average pooling over H×W, as torch.nn.AvgPool2d (count_include_pad=True): y = (1/(kh·kw)) Σ over the window.
 * See {@link PoolOps#avgPool2d}.
 */
public final class AvgPool2d implements Module {
    private final Window2d window;

    /** A kernel×kernel window moved by {@code stride}, without padding. */
    public AvgPool2d(int kernel, int stride) {
        this(Window2d.square(kernel, stride, 0));
    }

    public AvgPool2d(Window2d window) {
        this.window = window;
    }

    public Window2d window() {
        return window;
    }

    @Override
    public Tensor forward(Tensor input) {
        return PoolOps.avgPool2d(input, window);
    }

    @Override
    public String kind() {
        return "avg_pool2d";
    }
}
