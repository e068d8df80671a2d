package dev.gradflow.cli.bench;

import dev.gradflow.diagnostics.GradientFlowProbe;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.tensor.StepMemory;
import dev.gradflow.tensor.Tensor;

/**
 * One training step as the PyTorch reference times it: zero the gradients, forward, loss, backward, optimizer
 * step, on the same fixed batch every time, inside a {@link StepMemory} scope as the trainer runs it. With a probe, the probe's protocol runs around it as
 * {@code ProbeListener} runs it in the trainer (begin before the forward pass, read after backward, measure the
 * update as the optimizer writes it, publish after the step); clipping is off, so the probe records no pre-clip norm.
 */
public final class TrainingStep {
    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Tensor input;
    private final Tensor target;
    private final GradientFlowProbe probe;
    private final long parameterCount;
    private long step;
    private double lastLoss = Double.NaN;

    TrainingStep(Module model, Loss loss, Optimizer optimizer, Tensor input, Tensor target, GradientFlowProbe probe) {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.input = input;
        this.target = target;
        this.probe = probe;
        this.parameterCount = model.parameterCount();
    }

    /** Runs one step. */
    public void run() {
        step++;
        try (StepMemory memory = StepMemory.open()) {
            if (probe != null) probe.beginStep(step);
            optimizer.zeroGrad();
            Tensor value = loss.compute(model.forward(input), target);
            value.backward();
            lastLoss = value.item();
            if (probe != null) probe.afterBackward(lastLoss, optimizer.learningRate());
            if (probe != null) probe.stepOptimizer(optimizer);
            else optimizer.step();
            if (probe != null) probe.endStep(Double.NaN, false);
        }
    }

    /** Number of scalar parameters of the model. */
    public long parameterCount() {
        return parameterCount;
    }

    /** Steps run so far. */
    public long steps() {
        return step;
    }

    /** The loss of the last step (NaN before the first). */
    public double lastLoss() {
        return lastLoss;
    }
}
