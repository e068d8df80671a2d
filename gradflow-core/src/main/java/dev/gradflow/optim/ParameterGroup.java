package dev.gradflow.optim;

import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping every optimizer shares: the parameters it updates (checked once), the learning rate in force,
 * and the checks that a saved {@link OptimizerState} fits before it is loaded.
 */
final class ParameterGroup {
    private final String optimizer;
    private final List<Tensor> parameters;
    private double learningRate;

    ParameterGroup(String optimizer, List<Tensor> parameters, double learningRate) {
        this.optimizer = optimizer;
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException(optimizer + ": got an empty parameter list");
        }
        Map<Tensor, Integer> seen = new IdentityHashMap<>();
        List<Tensor> copy = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i);
            if (p == null) throw new IllegalArgumentException(optimizer + ": parameter " + i + " is null");
            if (!p.isLeaf()) {
                throw new IllegalArgumentException(optimizer + ": parameter " + i + " " + p.shape()
                        + " is the result of " + p.gradFn().op() + "; only leaf tensors can be optimized");
            }
            Integer earlier = seen.put(p, i);
            if (earlier != null) {
                throw new IllegalArgumentException(optimizer + ": parameters " + earlier + " and " + i + " are the same tensor");
            }
            copy.add(p);
        }
        this.parameters = Collections.unmodifiableList(copy);
        setLearningRate(learningRate);
    }

    List<Tensor> parameters() {
        return parameters;
    }

    int size() {
        return parameters.size();
    }

    double learningRate() {
        return learningRate;
    }

    void setLearningRate(double learningRate) {
        ConfigChecks.nonNegative(optimizer, "learning rate", learningRate);
        this.learningRate = learningRate;
    }

    /** Parameter {@code index}'s gradient storage, or null when it has none (then the step skips it). */
    float[] gradientOrNull(int index) {
        return parameters.get(index).gradBufferOrNull();
    }

    /** A snapshot with the current learning rate and the given per-parameter states. */
    OptimizerState snapshot(List<ParameterState> states) {
        return new OptimizerState(optimizer, learningRate, states);
    }

    /**
     * Checks that {@code state} was written by this kind of optimizer for as many parameters, then adopts its
     * learning rate. Buffer lengths are checked as each parameter's state is read.
     */
    void adopt(OptimizerState state) {
        if (state == null) throw new IllegalArgumentException(optimizer + ": cannot load a null state");
        if (!state.optimizer().equals(optimizer)) {
            throw new IllegalArgumentException(optimizer + ": cannot load a state saved by " + state.optimizer());
        }
        if (state.parameters().size() != parameters.size()) {
            throw new IllegalArgumentException(optimizer + ": saved state holds " + state.parameters().size()
                    + " parameters but this optimizer has " + parameters.size());
        }
        setLearningRate(state.learningRate());
    }

    /** The saved step count of a started parameter, checked to be positive. */
    long savedStep(ParameterState saved, int index) {
        if (saved.step() <= 0) {
            throw new IllegalArgumentException(optimizer + ": saved state of parameter " + index + " has buffers but step " + saved.step());
        }
        return saved.step();
    }

    String optimizer() {
        return optimizer;
    }
}
