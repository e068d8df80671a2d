package dev.gradflow.optim;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.UpdateSummary;
import dev.gradflow.tensor.Tensor;
import java.util.List;

/**
 * Updates parameters from their accumulated gradients, with PyTorch's semantics.
 *
 * <p>Lifecycle per training step: {@link #zeroGrad()}, forward, {@code loss.backward()}, optionally clip the
 * gradients, {@link #step()}. State (moment buffers, step counts) is allocated on the first step and reused;
 * a parameter whose gradient is null is skipped, as in PyTorch.
 *
 * <p>Checkpoints: {@link #state()} returns a deep copy of the per-parameter state (step count and buffers under
 * PyTorch's names) and the learning rate; {@link #loadState} restores it into an optimizer of the same kind over
 * parameters of the same sizes, after which the run continues bit for bit as if it had never stopped.
 */
public interface Optimizer {

    /** Applies one update to every parameter that has a gradient. */
    void step();

    /**
     * {@link #step()}, telling {@code observer} what it did to each parameter (see {@link UpdateObserver}); the
     * parameters end with the same bits as after {@code step()}. The optimizers of this package measure as they
     * write; this default, for other implementations, copies every parameter first and compares afterwards.
     */
    default void step(UpdateObserver observer) {
        List<Tensor> parameters = parameters();
        float[][] before = new float[parameters.size()][];
        for (int i = 0; i < before.length; i++) before[i] = parameters.get(i).data().clone();
        step();
        for (int i = 0; i < before.length; i++) {
            Tensor p = parameters.get(i);
            UpdateSummary s = KernelProvider.kernels().summarizeUpdate(p.data(), 0, before[i], 0, before[i].length);
            observer.updated(p, s.beforeSumOfSquares(), s.differenceSumOfSquares());
        }
    }

    /** Zeroes every parameter's gradient (keeping the buffers). */
    default void zeroGrad() {
        for (Tensor p : parameters()) p.zeroGrad();
    }

    /** The learning rate in force for the next step. */
    double learningRate();

    /** Sets the learning rate for the next steps (schedules call this). */
    void setLearningRate(double learningRate);

    /** The parameters this optimizer updates, in order. */
    List<Tensor> parameters();

    /** A short name for reports: "sgd", "adam", … */
    String name();

    /**
     * A deep copy of the optimizer's state: learning rate and, per parameter index, step count and named buffers.
     * Every optimizer in this package implements it; the default exists only so that other implementations of
     * this interface (test doubles, experiments) keep compiling, and it fails loudly.
     */
    default OptimizerState state() {
        throw new UnsupportedOperationException("optimizer " + name() + " does not export its state");
    }

    /** Replaces this optimizer's state by a copy of {@code state} (see {@link #state()}). */
    default void loadState(OptimizerState state) {
        throw new UnsupportedOperationException("optimizer " + name() + " cannot load a saved state");
    }
}
