package dev.gradflow.diagnostics;

import dev.gradflow.nn.Module;
import dev.gradflow.nn.Sequential;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.optim.UpdateObserver;
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
 *       gradient, clipping or optimizer step: reads the layer-output and parameter gradients;</li>
 *   <li>the optimizer step, taken as {@code optimizer.step(probe.updateObserver())} on a recorded step
 *       ({@link #stepOptimizer} does that): the optimizer reports Σ W² before the step and Σ ΔW² of each parameter,
 *       measured as it writes, and the probe keeps them ({@link UpdateMeter});</li>
 *   <li>{@link #endStep(double, boolean)} after the optimizer step: publishes the {@link StepRecord} to the
 *       in-memory {@link #history()} (bounded by {@link ProbeConfig#historyCapacity()}) and every sink.</li>
 * </ol>
 * A recorded step costs one pass over each parameter's gradient ({@code Kernels.summarizeMagnitudes}), the
 * optimizer's measuring (Adam and AdamW inside their update loop, {@code Kernels.adamUpdateMeasured}; the others over
 * each block just written, still in the cache, {@code BlockwiseUpdate}: the weights are neither copied nor read again
 * from memory), and one pass over each layer output and one over its gradient ({@code summarizeRange},
 * {@code summarizeMagnitudes}).
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
    /** ‖W‖ before the step and ‖ΔW‖ of the recorded step, as the optimizer reports its writes. */
    private final UpdateMeter updateMeter;
    /**
     * A few of each parameter's values when the gradients were read ({@link #SAMPLES} per parameter): a parameter the
     * optimizer did not report must still hold them, else it was stepped without the observer.
     */
    private final float[] sampledValues;
    private static final int SAMPLES = 4;

    private record Captured(String name, Module layer, Tensor output) {}

    public GradientFlowProbe(Module model, ProbeConfig config) {
        this.model = model;
        this.config = config;
        Map<String, Tensor> named = model.namedParameters();
        this.parameterNames = named.keySet().toArray(new String[0]);
        this.parameters = named.values().toArray(new Tensor[0]);
        this.updateMeter = new UpdateMeter(parameters);
        this.sampledValues = new float[parameters.length * SAMPLES];
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
            float[] w = parameters[i].data();
            for (int j = 0; j < SAMPLES && w.length > 0; j++) sampledValues[i * SAMPLES + j] = w[samplePosition(j, w.length)];
            params.add(ParameterStatistics.ofGradient(parameterNames[i], parameters[i]));
        }
        updateMeter.reset();
        pendingLayers = layers;
        pendingParameters = params;
    }

    /**
     * What the optimizer step of the current step must report to (pass it to {@code Optimizer.step(UpdateObserver)}),
     * or null when this step is not recorded (then {@code step()} will do).
     */
    public UpdateObserver updateObserver() {
        return pendingParameters == null ? null : updateMeter;
    }

    /** Steps {@code optimizer}, through {@link #updateObserver()} on a recorded step. */
    public void stepOptimizer(Optimizer optimizer) {
        UpdateObserver observer = updateObserver();
        if (observer == null) optimizer.step();
        else optimizer.step(observer);
    }

    /**
     * Completes a recorded step after the optimizer update and publishes its record; returns it, or null when
     * this step was not recorded. A parameter the optimizer did not report kept its values (the contract of
     * {@link UpdateObserver}; with no optimizer step at all, as in the analysis at initialization, none did): its ‖W‖
     * is read now and its update is 0.
     *
     * @throws IllegalStateException when a parameter the optimizer did not report changed anyway (sampled values
     *         differ): the optimizer was stepped without {@link #updateObserver()}, so what the update did is unknown
     */
    public StepRecord endStep(double preClipNorm, boolean clipped) {
        if (pendingParameters == null) return null;
        List<ParameterStats> params = new ArrayList<>(parameters.length);
        for (int i = 0; i < parameters.length; i++) {
            ParameterStats pending = pendingParameters.get(i);
            if (updateMeter.reported(i)) {
                params.add(pending.withWeightAndUpdate(updateMeter.weightNormBefore(i), updateMeter.updateNorm(i)));
            } else {
                requireUnchanged(i);
                params.add(pending.withWeightAndUpdate(ParameterStatistics.weightNorm(parameters[i]), 0.0));
            }
        }
        StepRecord record = new StepRecord(step, loss, learningRate, preClipNorm, clipped, pendingLayers, params);
        pendingLayers = null;
        pendingParameters = null;
        history.add(record);
        for (Consumer<StepRecord> sink : sinks) sink.accept(record);
        return record;
    }

    private void requireUnchanged(int i) {
        float[] w = parameters[i].data();
        for (int j = 0; j < SAMPLES && w.length > 0; j++) {
            if (Float.floatToRawIntBits(w[samplePosition(j, w.length)]) != Float.floatToRawIntBits(sampledValues[i * SAMPLES + j])) {
                pendingParameters = null;
                pendingLayers = null;
                throw new IllegalStateException("gradient-flow probe: parameter " + parameterNames[i] + " changed during "
                        + "recorded step " + step + " without being reported: step the optimizer with "
                        + "optimizer.step(probe.updateObserver()) or probe.stepOptimizer(optimizer)");
            }
        }
    }

    /** The j-th sampled position of a parameter of n values: first, thirds and last. */
    private static int samplePosition(int j, int n) {
        return (int) ((long) (n - 1) * j / (SAMPLES - 1));
    }

    /** The model this probe observes. */
    public Module model() {
        return model;
    }
}
