package dev.gradflow.optim;

import dev.gradflow.tensor.Tensor;

/**
 * Told, during an optimizer step, what the step did to each parameter it updated: Σ W_before² (the weights before
 * the step) and Σ (W_after − W_before)² (each difference rounded to float), so that ‖W‖ and ‖ΔW‖ are square roots
 * away. Every parameter whose values the step changes is reported once; one that is not reported kept its values.
 *
 * <p>This is how the gradient-flow probes measure the update without copying the weights before the step and
 * reading them twice after it: the optimizers measure as they write (Adam and AdamW inside their update loop, the
 * others block by block while each block is in the cache, see {@code BlockwiseUpdate}).
 */
@FunctionalInterface
public interface UpdateObserver {

    void updated(Tensor parameter, double weightSumOfSquares, double updateSumOfSquares);

    /** An observer that tells {@code first}, then {@code second}. */
    static UpdateObserver both(UpdateObserver first, UpdateObserver second) {
        return (parameter, weightSumOfSquares, updateSumOfSquares) -> {
            first.updated(parameter, weightSumOfSquares, updateSumOfSquares);
            second.updated(parameter, weightSumOfSquares, updateSumOfSquares);
        };
    }
}
