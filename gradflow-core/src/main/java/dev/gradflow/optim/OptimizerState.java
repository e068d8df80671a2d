package dev.gradflow.optim;

import java.util.List;

/**
 * A snapshot of an optimizer, enough to resume it bit for bit: which optimizer wrote it, the learning rate in
 * force, and for each parameter index (in the optimizer's parameter order) its {@link ParameterState}.
 * Parameters that have not been stepped yet hold {@link ParameterState#notStarted()}, as PyTorch's state_dict
 * simply has no entry for them.
 */
public record OptimizerState(String optimizer, double learningRate, List<ParameterState> parameters) {

    public OptimizerState {
        if (optimizer == null || parameters == null) {
            throw new IllegalArgumentException("optimizer state needs an optimizer name and a parameter list, got " + optimizer + " and " + parameters);
        }
        parameters = List.copyOf(parameters);
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("optimizer state of " + optimizer + ": learning rate must be finite and >= 0, got " + learningRate);
        }
    }

    /** The state of parameter {@code index}. */
    public ParameterState parameter(int index) {
        return parameters.get(index);
    }
}
