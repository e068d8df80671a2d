package dev.gradflow.optim;

import dev.gradflow.backend.BlockwiseUpdate;
import dev.gradflow.backend.UpdateSummary;
import dev.gradflow.tensor.Tensor;
import java.util.List;

/**
 * What the optimizers share: their {@link ParameterGroup} (parameters and learning rate), their per-parameter
 * {@link StateSlots}, the checkpoint conversion, and the step loop — each parameter that has a gradient gets its
 * state advanced by one step and is updated by {@link #stepParameter}; a parameter without a gradient is skipped and
 * keeps no state, as in PyTorch. Each optimizer supplies only its update rule.
 */
abstract sealed class SlottedOptimizer implements Optimizer permits Adadelta, Adagrad, Adam, NAdam, RAdam, RmsProp, Sgd {
    private final ParameterGroup group;
    private final StateSlots slots;

    /**
     * @param name    the optimizer's name, as in checkpoints ({@code "adam"})
     * @param buffers the state buffers this configuration keeps per parameter
     */
    SlottedOptimizer(String name, List<Tensor> parameters, double learningRate, List<StateSlots.Buffer> buffers) {
        this.group = new ParameterGroup(name, parameters, learningRate);
        this.slots = new StateSlots(group, buffers);
    }

    /**
     * Updates elements [from, to) of one parameter in place from its gradient at the current learning rate. The
     * rules are elementwise, so updating a parameter in several ranges gives the bits of one call over all of it.
     *
     * @param state the parameter's state, its step count already counting this step (the same for every range)
     */
    abstract void stepParameter(float[] param, float[] grad, StateSlots.Slot state, int from, int to);

    @Override
    public final void step() {
        for (int i = 0; i < group.size(); i++) {
            float[] grad = group.gradientOrNull(i);
            if (grad == null) continue;
            float[] param = group.parameters().get(i).data();
            StateSlots.Slot state = slots.advance(i);
            int from = 0;
            // In calls of BlockwiseUpdate.BLOCK elements, as a measured step makes them (see there why), and at least
            // one: an empty parameter still takes its step (NAdam advances its Π there).
            do {
                int to = Math.min(param.length, from + BlockwiseUpdate.BLOCK);
                stepParameter(param, grad, state, from, to);
                from = to;
            } while (from < param.length);
        }
    }

    /**
     * {@link #stepParameter} over the whole parameter, returning Σ before² and Σ (after − before)². By default block
     * by block ({@link BlockwiseUpdate}); an optimizer with a fused measuring kernel overrides it (Adam).
     */
    UpdateSummary stepParameterMeasured(float[] param, float[] grad, StateSlots.Slot state) {
        return BlockwiseUpdate.measure(param, 0, param.length, (from, to) -> stepParameter(param, grad, state, from, to));
    }

    /** {@link #step()}, each parameter measured as it is written ({@link #stepParameterMeasured}). */
    @Override
    public final void step(UpdateObserver observer) {
        for (int i = 0; i < group.size(); i++) {
            float[] grad = group.gradientOrNull(i);
            if (grad == null) continue;
            Tensor parameter = group.parameters().get(i);
            UpdateSummary s = stepParameterMeasured(parameter.data(), grad, slots.advance(i));
            observer.updated(parameter, s.beforeSumOfSquares(), s.differenceSumOfSquares());
        }
    }

    @Override
    public final OptimizerState state() {
        return slots.snapshot();
    }

    @Override
    public final void loadState(OptimizerState state) {
        slots.load(state);
    }

    @Override
    public final double learningRate() {
        return group.learningRate();
    }

    @Override
    public final void setLearningRate(double learningRate) {
        group.setLearningRate(learningRate);
    }

    @Override
    public final List<Tensor> parameters() {
        return group.parameters();
    }

    @Override
    public final String name() {
        return group.optimizer();
    }
}
