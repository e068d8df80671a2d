package dev.gradflow.autograd;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.tensor.StepMemory;
import dev.gradflow.tensor.Tensor;

/**
 * A linear layer and the activation after it, computed in one pass over the output: z = x·Wᵀ + b and a = f(z), the
 * bias add and f applied to each tile of the product while it is in cache ({@code Kernels.linearActivation}).
 *
 * <p>Only the computation is fused. The graph is the unfused one — z is an op "linear" with inputs x, W, b, and a
 * an op named after f with input z — with the same numbers bit for bit, so z can be observed, can have its gradient
 * retained, and backward runs exactly as for {@link MatrixOps#linear} followed by {@link Pointwise#apply}.
 */
public final class LinearActivation {
    private LinearActivation() {}

    /** The two outputs: z = x·Wᵀ + b and a = f(z). */
    public record Outputs(Tensor preActivation, Tensor activation) {}

    /** z = x·Wᵀ + b (bias may be null) and a = f(z), as torch's {@code f(F.linear(x, W, b))}. */
    public static Outputs apply(Tensor x, Tensor weight, Tensor bias, PointwiseFunction f) {
        MatrixOps.checkLinear(x, weight, bias);
        int in = weight.dim(1);
        int out = weight.dim(0);
        int rows = MatrixOps.linearRows(x, in);
        float[] z = StepMemory.borrow(rows * out);
        float[] a = StepMemory.borrow(rows * out);
        KernelProvider.kernels().linearActivation(rows, out, in, x.data(), weight.data(), bias == null ? null : bias.data(),
                f, z, a);
        Tensor preActivation = MatrixOps.linearNode(x, weight, bias, z);
        return new Outputs(preActivation, Pointwise.node(f, preActivation, a));
    }
}
