package dev.gradflow.diagnostics;

import dev.gradflow.optim.UpdateObserver;
import dev.gradflow.train.StepContext;
import dev.gradflow.train.TrainingListener;

/**
 * Attaches a {@link GradientFlowProbe} to a {@code Trainer}: the probe starts capturing before each recorded
 * step's forward pass, reads the data loss's gradients after backward (before any penalty, clipping and update),
 * has the optimizer step report its writes so the probe measures the update (see
 * {@link TrainingListener#updateObserver()}), and publishes the record afterwards. The trainer's loop is not touched.
 */
public final class ProbeListener implements TrainingListener {
    private final GradientFlowProbe probe;

    public ProbeListener(GradientFlowProbe probe) {
        this.probe = probe;
    }

    public GradientFlowProbe probe() {
        return probe;
    }

    @Override
    public void beforeStep(StepContext context) {
        probe.beginStep(context.step());
    }

    @Override
    public void afterBackward(StepContext context) {
        probe.afterBackward(context.loss(), context.learningRate());
    }

    @Override
    public UpdateObserver updateObserver() {
        return probe.updateObserver();
    }

    @Override
    public void afterStep(StepContext context) {
        probe.endStep(context.clipping().preClipNorm(), context.clipping().fired());
    }
}
