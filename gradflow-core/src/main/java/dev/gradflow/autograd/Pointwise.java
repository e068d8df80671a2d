package dev.gradflow.autograd;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.tensor.StepMemory;
import dev.gradflow.tensor.Tensor;

/**
 * Applies an elementwise function y = f(x); backward: ∂x += f′(x) ⊙ g, using the saved x and y (written directly,
 * without zeroing, when ∂x holds nothing yet).
 */
public final class Pointwise {
    private Pointwise() {}

    public static Tensor apply(PointwiseFunction f, Tensor x) {
        float[] y = StepMemory.borrow(x.size());
        KernelProvider.kernels().pointwise(f, x.data(), y, y.length);
        return Tensor.fromOp(x.shape(), y, f.name(), g -> {
            if (x.gradIsZero()) {
                KernelProvider.kernels().pointwiseBackwardOverwrite(f, x.data(), y, g, x.gradBufferForOverwrite(), y.length);
            } else {
                KernelProvider.kernels().pointwiseBackward(f, x.data(), y, g, x.gradBuffer(), y.length);
            }
        }, x);
    }
}
