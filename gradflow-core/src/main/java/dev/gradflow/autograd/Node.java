package dev.gradflow.autograd;

import dev.gradflow.tensor.Tensor;

/**
 * One recorded operation of the define-by-run graph: the op's name, its inputs (in argument order, which fixes the
 * traversal order of the backward pass) and its backward rule.
 *
 * <p>The backward rule receives ∂L/∂output and <em>accumulates</em> (+=) ∂L/∂input into each input that requires a
 * gradient, so an input used twice (fan-out) receives the sum of both contributions.
 */
public final class Node {
    private final String op;
    private final Tensor[] inputs;
    private final Backward backward;

    /** The backward rule of one op. */
    @FunctionalInterface
    public interface Backward {
        /** Accumulates the inputs' gradients given {@code gradOutput} = ∂L/∂output (same layout as the output). */
        void propagate(float[] gradOutput);
    }

    public Node(String op, Backward backward, Tensor... inputs) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
    }

    public String op() {
        return op;
    }

    /** The op's inputs in argument order. Not copied: do not modify. */
    Tensor[] inputs() {
        return inputs;
    }

    void propagate(float[] gradOutput) {
        backward.propagate(gradOutput);
    }
}
