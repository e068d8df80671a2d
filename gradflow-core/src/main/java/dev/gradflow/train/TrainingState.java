package dev.gradflow.train;

import dev.gradflow.nn.Dropout;
import dev.gradflow.optim.OptimizerState;
import dev.gradflow.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link Trainer} needs to continue a run exactly where it stopped, bit for bit: the model's
 * parameters and buffers, the optimizer's moment buffers and step counts, the learning-rate schedule's base and
 * position, each dropout layer's mask stream, early stopping's record, and the position in the data. What it does
 * not hold is recomputed from the run's setup: the data and its validation split and batch order (functions of
 * their seeds), the loss, the clipping rule. Listeners keep their own state; a resumed run starts them afresh.
 *
 * <p>A state is a deep copy (later training does not change it) and holds plain values only, so it can be
 * written in any format: {@code dev.gradflow.checkpoint} writes safetensors and JSON.
 *
 * @param position      where the run stands in its data
 * @param model         the model's {@code stateDict()} (parameters and buffers, PyTorch names), copies
 * @param optimizer     the optimizer's state, including its learning rate
 * @param parameterNames the model's name of each of the optimizer's parameters, in the optimizer's order ("#i" for
 *                      a tensor the model does not hold), so that files can label the buffers and a resumed run
 *                      can check it optimizes the same parameters in the same order
 * @param schedule      base learning rate and schedule index
 * @param dropout       each dropout layer's mask stream by module path ("3", "4.branch.1"), in module order
 * @param earlyStopping early stopping's best validation loss and patience count
 * @param skippedInARow the steps skipped in a row just before ({@link NonFinitePolicy.SkipStep} counts them
 *                      across a checkpoint)
 */
public record TrainingState(
        TrainingPosition position,
        Map<String, Tensor> model,
        OptimizerState optimizer,
        List<String> parameterNames,
        ScheduleState schedule,
        Map<String, Dropout.RandomState> dropout,
        EarlyStoppingState earlyStopping,
        int skippedInARow) {

    public TrainingState {
        if (position == null || model == null || optimizer == null || parameterNames == null || schedule == null || dropout == null
                || earlyStopping == null) {
            throw new IllegalArgumentException("training state: position, model, optimizer, parameter names, schedule, dropout and early"
                    + " stopping are all required");
        }
        parameterNames = List.copyOf(parameterNames);
        if (skippedInARow < 0) throw new IllegalArgumentException("training state: skipped steps in a row must be >= 0, got " + skippedInARow);
        if (parameterNames.size() != optimizer.parameters().size()) {
            throw new IllegalArgumentException("training state: " + parameterNames.size() + " parameter names for "
                    + optimizer.parameters().size() + " optimizer parameters");
        }
        Map<String, Tensor> copies = new LinkedHashMap<>();
        model.forEach((name, t) -> {
            if (name == null || t == null) throw new IllegalArgumentException("training state: null tensor name or tensor in the model state");
            copies.put(name, t.copy());
        });
        model = Collections.unmodifiableMap(copies);
        dropout = Collections.unmodifiableMap(new LinkedHashMap<>(dropout));
    }
}
