package dev.gradflow.diagnostics;

import dev.gradflow.nn.Module;
import dev.gradflow.nn.Sequential;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Records per-layer and per-parameter gradient statistics of a model at every {@link ProbeConfig#interval()}-th
 * step, without touching the layers or the training loop.
 *
 * <p>Protocol for one step (the trainer's listener adapter calls it; so can any hand-written loop):
 * <ol>
 *   <li>{@link #beginStep(long)} before the forward pass: on a recorded step, every layer output produced during
 *       the forward pass is kept and marked {@link Tensor#retainGrad()} so its gradient ∂loss/∂output survives
 *       the backward pass;</li>
 *   <li>{@link #afterBackward(double, double)} once the data loss has been backpropagated and before any penalty
 *       gradient, clipping or optimizer step: reads the layer-output and parameter gradients and snapshots the
 *       weights;</li>
 *   <li>{@link #endStep(double, boolean)} after the optimizer step: measures the weights before the step (from the
 *       snapshot) and what the update did, and publishes
 *       the {@link StepRecord} to the in-memory {@link #history()} (bounded by
 *       {@link ProbeConfig#historyCapacity()}) and every sink.</li>
 * </ol>
 * A recorded step costs one pass over each parameter's gradient and weights together before the update (statistics
 * and weight snapshot: {@code Kernels.summarizeGradientAndCopy}), one over weights and snapshot after it (‖W‖ before
 * the step and the update's norm: {@code summarizeUpdate}), and one over each layer output and one over its gradient
 * ({@code summarizeRange}, {@code summarizeMagnitudes}).
 * Layers nested in containers (residual branches, blocks) are observed through every {@link Sequential} in the
 * module tree and named by their path ("3.branch.1").
 */
public final class GradientFlowProbe {
    private final Module model;
    private final ProbeConfig config;
    private final List<Sequential> observed = new ArrayList<>();
    private final List<Sequential.LayerObserver> observers = new ArrayList<>();
    private final List<Captured> captured = new ArrayList<>();
    private final ProbeHistory history;
    private final List<Consumer<StepRecord>> sinks = new ArrayList<>();
    /** The parameters in state_dict order and their names, fixed when the probe is made. */
    private final String[] parameterNames;
    private final Tensor[] parameters;

    private boolean recording;
    private long step;
    private double loss;
    private double learningRate;
    private List<LayerStats> pendingLayers;
    private List<ParameterStats> pendingParameters;
    /** Each parameter's values before the update of the recorded step; the arrays are reused from step to step. */
    private final float[][] weightsBefore;

    private record Captured(String name, Module layer, Tensor output) {}

    public GradientFlowProbe(Module model, ProbeConfig config) {
        this.model = model;
        this.config = config;
        Map<String, Tensor> named = model.namedParameters();
        this.parameterNames = named.keySet().toArray(new String[0]);
        this.parameters = named.values().toArray(new Tensor[0]);
        this.weightsBefore = new float[parameters.length][];
        this.history = new ProbeHistory(config.historyCapacity());
        attach(model, "");
    }

    private void attach(Module module, String prefix) {
        if (module instanceof Sequential seq) {
            String[] names = new String[seq.size()];
            for (int i = 0; i < names.length; i++) names[i] = prefix + i;
            Sequential.LayerObserver o = (index, layer, output) -> {
                if (recording) {
                    String name = index < names.length ? names[index] : prefix + index;
                    captured.add(new Captured(name, layer, output.requiresGrad() ? output.retainGrad() : output));
                }
            };
            seq.addObserver(o);
            observed.add(seq);
            observers.add(o);
            for (int i = 0; i < seq.size(); i++) attachChildren(seq.get(i), prefix + i + ".");
        } else {
            attachChildren(module, prefix);
        }
    }

    private void attachChildren(Module module, String prefix) {
        for (var e : module.namedChildren().entrySet()) {
            Module child = e.getValue();
            if (child instanceof Sequential) attach(child, prefix + e.getKey() + ".");
            else attachChildren(child, prefix + e.getKey() + ".");
        }
    }

    /** Removes the observers from the model. */
    public void detach() {
        for (int i = 0; i < observed.size(); i++) observed.get(i).removeObserver(observers.get(i));
        observed.clear();
        observers.clear();
    }

    /** Adds a consumer of every published record (e.g. a metrics.jsonl writer). */
    public void addSink(Consumer<StepRecord> sink) {
        sinks.add(sink);
    }

    /**
     * The records kept in memory, oldest first: every record published so far while there are at most
     * {@link ProbeConfig#historyCapacity()} of them; after that an evenly thinned sample of the run plus the latest
     * record, the first non-finite one and the one with the highest loss (the retention policy of
     * {@code ProbeHistory}). Sinks receive every record.
     */
    public List<StepRecord> history() {
        return history.records();
    }

    /** The number of records published so far, retained in {@link #history()} or not. */
    public long recordsPublished() {
        return history.published();
    }

    public ProbeConfig config() {
        return config;
    }

    /** True when {@code step} (1-based) is one the probe records. */
    public boolean records(long step) {
        return (step - 1) % config.interval() == 0;
    }

    /** Starts step {@code step}: on a recorded step, captures the layer outputs of the coming forward pass. */
    public void beginStep(long step) {
        this.step = step;
        this.recording = records(step);
        captured.clear();
        pendingLayers = null;
        pendingParameters = null;
    }

    /** Reads gradients after the data loss's backward pass (before penalties, clipping and the update). */
    public void afterBackward(double loss, double learningRate) {
        if (!recording) return;
        recording = false;
        this.loss = loss;
        this.learningRate = learningRate;
        List<LayerStats> layers = new ArrayList<>(captured.size());
        for (Captured c : captured) layers.add(ActivationStatistics.of(c.name, c.layer, c.output, config));
        captured.clear();
        List<ParameterStats> params = new ArrayList<>(parameters.length);
        for (int i = 0; i < parameters.length; i++) {
            Tensor p = parameters[i];
            int size = p.data().length;
            if (weightsBefore[i] == null || weightsBefore[i].length != size) weightsBefore[i] = new float[size];
            params.add(ParameterStatistics.ofAndSnapshot(parameterNames[i], p, weightsBefore[i]));
        }
        pendingLayers = layers;
        pendingParameters = params;
    }

    /**
     * Completes a recorded step after the optimizer update and publishes its record; returns it, or null when
     * this step was not recorded.
     */
    public StepRecord endStep(double preClipNorm, boolean clipped) {
        if (pendingParameters == null) return null;
        List<ParameterStats> params = new ArrayList<>(parameters.length);
        for (int i = 0; i < parameters.length; i++) {
            params.add(ParameterStatistics.completed(pendingParameters.get(i), parameters[i].data(), weightsBefore[i]));
        }
        StepRecord record = new StepRecord(step, loss, learningRate, preClipNorm, clipped, pendingLayers, params);
        pendingLayers = null;
        pendingParameters = null;
        history.add(record);
        for (Consumer<StepRecord> sink : sinks) sink.accept(record);
        return record;
    }

    /** The model this probe observes. */
    public Module model() {
        return model;
    }
}
