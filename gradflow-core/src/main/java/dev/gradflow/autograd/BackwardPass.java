package dev.gradflow.autograd;

import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Reverse-mode differentiation over the recorded graph.
 *
 * <p>The graph is sorted topologically with an explicit stack (no recursion, so a chain of any depth works) and
 * visits each node's inputs in argument order, so the order in which gradients are summed, and with it every
 * float result, is the same on every run. Nodes are then processed in reverse topological order: when a node
 * runs, every consumer of its output has already added its contribution.
 *
 * <p>After the pass the graph is released (as PyTorch does without {@code retain_graph}): intermediate gradients
 * are dropped unless {@link Tensor#retainGrad()} was called, and leaves keep their accumulated {@code grad}.
 */
public final class BackwardPass {
    private BackwardPass() {}

    /** Backpropagates from a scalar {@code root}, seeding ∂root/∂root = 1. */
    public static void run(Tensor root) {
        if (root.size() != 1) {
            throw new IllegalArgumentException("backward() needs a scalar (one element) but got shape " + root.shape()
                    + "; reduce it first, e.g. with sum() or mean()");
        }
        run(root, new float[] {1f});
    }

    /** Backpropagates from {@code root} with the given seed gradient ∂L/∂root (a vector-Jacobian product). */
    public static void run(Tensor root, float[] seed) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward() on a tensor that does not require grad: no parameter or input"
                    + " with requiresGrad=true took part in computing it (or it was computed under noGrad)");
        }
        if (seed.length != root.size()) {
            throw new IllegalArgumentException("seed gradient has " + seed.length + " elements but the root has shape " + root.shape());
        }
        List<Tensor> order = topologicalOrder(root);
        float[] rootGrad = root.gradBuffer();
        for (int i = 0; i < seed.length; i++) rootGrad[i] += seed[i];
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            Node node = t.gradFn();
            if (node == null) continue;
            float[] g = t.gradBufferOrNull();
            if (g != null) node.propagate(g);
            t.releaseGraph();
        }
    }

    /**
     * Post-order over the nodes reachable from {@code root} through inputs that require grad: every tensor appears
     * after all of its inputs.
     */
    static List<Tensor> topologicalOrder(Tensor root) {
        int mark = Tensor.nextVisitMark();
        List<Tensor> order = new ArrayList<>();
        // Parallel stacks: the tensor and the index of the next input to visit.
        List<Tensor> stack = new ArrayList<>();
        int[] next = new int[64];
        stack.add(root);
        root.setVisitMark(mark);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Tensor t = stack.get(top);
            Node node = t.gradFn();
            Tensor[] inputs = node == null ? null : node.inputs();
            int i = next[top];
            Tensor child = null;
            while (inputs != null && i < inputs.length) {
                Tensor candidate = inputs[i++];
                if (candidate.requiresGrad() && candidate.visitMark() != mark) {
                    child = candidate;
                    break;
                }
            }
            next[top] = i;
            if (child == null) {
                order.add(t);
                stack.remove(top);
                continue;
            }
            child.setVisitMark(mark);
            if (stack.size() == next.length) next = java.util.Arrays.copyOf(next, next.length * 2);
            next[stack.size()] = 0;
            stack.add(child);
        }
        return order;
    }
}
