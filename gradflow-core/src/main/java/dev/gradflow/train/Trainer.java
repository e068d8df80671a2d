package dev.gradflow.train;

import dev.gradflow.data.Dataset;
import dev.gradflow.data.TrainValidationSplit;
import dev.gradflow.nn.Dropout;
import dev.gradflow.nn.Mode;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.optim.UpdateObserver;
import dev.gradflow.regularize.Penalty;
import dev.gradflow.optim.schedule.LearningRateSchedule;
import dev.gradflow.tensor.StepMemory;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a model by gradient descent. Each step: set the learning rate (from the schedule, if any), zero the
 * gradients, forward, loss, backward, measure the global gradient norm, tell listeners, clip (if configured and
 * the norm exceeds the maximum), optimizer step; listeners are told before the step, after backward (raw
 * gradients) and after the step. Every {@code evaluationInterval} steps and after the last,
 * the model is evaluated on the training and validation splits, and early stopping checks the validation loss.
 *
 * <p>Each step runs inside a {@link StepMemory} scope: its activations and intermediate gradients reuse the
 * previous step's memory, and tensors ops create during the step (layer outputs a listener sees, for instance) are
 * invalid once it ends; listeners copy what they keep. The pool is released when {@code fit} returns.
 *
 * <p>The loop has no randomness of its own beyond the seeds in {@link TrainingConfig}: the same model, data,
 * seeds and thread count give the same numbers bit for bit.
 *
 * <p>Checkpoints ({@link #withCheckpoints}): after the steps the {@link CheckpointSchedule} names, after any
 * evaluation of that step, and when training ends, the sink receives a {@link TrainingState}. {@link #resume}
 * continues from one: a run interrupted after a checkpoint and resumed from it ends with the same weights, bit for
 * bit, as a run that was never interrupted (same setup, same thread count).
 *
 * <p>A NaN or infinite loss or gradient norm is handled by {@link TrainingConfig#nonFinite()}: stop (default) or
 * skip the step. Either way the step is undone and replayed to name the first layer where a non-finite value
 * appeared ({@link NonFiniteOrigin}), and no checkpoint is written of it.
 *
 * <pre>{@code
 * TrainingHistory history = new Trainer(model, new MseLoss(), new Adam(model.parameters(), 1e-3), config)
 *         .addListener(myProbe)
 *         .fit(dataset);
 * }</pre>
 */
public final class Trainer {
    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final TrainingConfig config;
    private final List<TrainingListener> listeners = new ArrayList<>();
    /** The model's parameters, listed once per run (a container builds its name map on every call). */
    private List<Tensor> modelParameters = List.of();
    private LearningRateSchedule schedule;
    private final List<Penalty> penalties = new ArrayList<>();
    private Budget.Unit scheduleCounts = Budget.Unit.STEPS;
    private CheckpointSchedule checkpointSchedule;
    private CheckpointSink checkpointSink;

    /** What a step did. */
    private enum StepOutcome {
        UPDATED,
        SKIPPED
    }

    public Trainer(Module model, Loss loss, Optimizer optimizer, TrainingConfig config) {
        if (model == null || loss == null || optimizer == null || config == null) {
            throw new IllegalArgumentException("trainer: model, loss, optimizer and config are all required");
        }
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.config = config;
    }

    /** Adds a listener, called after those added before it. Returns this. */
    public Trainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Adds an L1/L2 penalty to the objective: its gradient is added to the parameters' gradients after the
     * listeners' {@link TrainingListener#afterBackward} (which therefore see the data loss's gradient alone) and
     * before clipping and the update. Penalties added by several calls sum, L = L_data + Σ R_i (an L1 and an L2
     * penalty together make the elastic net), their gradients added in the order the calls were made. The
     * recorded loss stays the data loss. Returns this.
     */
    public Trainer withPenalty(Penalty value) {
        if (value == null) throw new IllegalArgumentException("trainer: the penalty is null");
        penalties.add(value);
        return this;
    }

    /**
     * Sets the learning rate of step t (t = 0 for the first step) to {@code schedule.learningRate(base, t)}, base
     * being the optimizer's rate when {@link #fit} starts. Returns this.
     */
    public Trainer withStepSchedule(LearningRateSchedule learningRateSchedule) {
        this.schedule = learningRateSchedule;
        this.scheduleCounts = Budget.Unit.STEPS;
        return this;
    }

    /**
     * Sets the learning rate of every step of epoch e (e = 0 for the first epoch) to
     * {@code schedule.learningRate(base, e)}, as a PyTorch scheduler stepped once per epoch. Returns this.
     */
    public Trainer withEpochSchedule(LearningRateSchedule learningRateSchedule) {
        this.schedule = learningRateSchedule;
        this.scheduleCounts = Budget.Unit.EPOCHS;
        return this;
    }

    /**
     * Hands the run's state to {@code sink} as {@code when} says and once more when training ends (see
     * {@link CheckpointSchedule}). Returns this.
     */
    public Trainer withCheckpoints(CheckpointSchedule when, CheckpointSink sink) {
        if (when == null || sink == null) throw new IllegalArgumentException("trainer: checkpoints need a schedule and a sink");
        this.checkpointSchedule = when;
        this.checkpointSink = sink;
        return this;
    }

    public TrainingConfig config() {
        return config;
    }

    /**
     * Trains on {@code data} until the budget is spent or early stopping fires.
     *
     * @throws IllegalArgumentException   if the data hold a NaN or an infinity (the message names row and column),
     *                                    or the validation split leaves a part empty
     * @throws TrainingDivergedException if the loss or the gradient norm becomes NaN or infinite (and the
     *                                    non-finite policy stops, or has skipped too many steps in a row)
     */
    public TrainingHistory fit(Dataset data) {
        return run(data, null);
    }

    /**
     * Continues a run from {@code state}: restores the model's parameters and buffers, the optimizer, the dropout
     * streams and early stopping, and takes the step after the state's with the batch, learning rate and masks the
     * interrupted run would have used. {@code data}, the config, the schedule's kind and the penalties must be those
     * of the interrupted run; the budget may be larger (to train longer). The returned history holds the steps
     * taken by this call. A state at or past the budget takes no step and evaluates once.
     *
     * @throws IllegalArgumentException when the state does not fit this model, optimizer, data or schedule (the
     *                                  message says what differs); the model and optimizer are then unchanged
     *                                  unless the optimizer's own check of its buffers fails part-way
     */
    public TrainingHistory resume(Dataset data, TrainingState state) {
        if (state == null) throw new IllegalArgumentException("trainer: cannot resume from a null state");
        return run(data, state);
    }

    private TrainingHistory run(Dataset data, TrainingState from) {
        try {
            return runLoop(data, from);
        } finally {
            StepMemory.releasePool();
        }
    }

    private TrainingHistory runLoop(Dataset data, TrainingState from) {
        FiniteValues.require(data);
        modelParameters = model.parameters();
        TrainValidationSplit split = split(data, config.validation());
        BatchSource batches = new BatchSource(split.train(), config.batching());
        Evaluator evaluator = new Evaluator(model, loss, config.task());
        long totalSteps = config.budget().totalSteps(batches.batchesPerEpoch());
        TrainingHistory.Recorder recorder = new TrainingHistory.Recorder();
        EarlyStopWatch earlyStop = new EarlyStopWatch(config.earlyStopping());
        StepRollback rollback = new StepRollback(model);
        int trainingRows = split.train().size();
        double baseLearningRate = optimizer.learningRate();
        long step = 0;
        long firstEpochIndex = 0;
        int batchesToSkip = 0;
        int skippedInARow = 0;
        if (from != null) {
            restore(from, batches.batchesPerEpoch(), trainingRows, earlyStop);
            baseLearningRate = from.schedule().baseLearningRate();
            step = from.position().step();
            firstEpochIndex = from.position().nextEpochIndex();
            batchesToSkip = from.position().nextBatchIndex();
            skippedInARow = from.skippedInARow();
        }
        model.setMode(Mode.TRAINING);
        if (step >= totalSteps) {
            long epoch = from == null ? 1 : from.position().epoch();
            recorder.evaluation(evaluate(evaluator, split, step, epoch));
            return recorder.finish(StopReason.BUDGET_EXHAUSTED);
        }

        long lastCheckpoint = step;
        for (long epochIndex = firstEpochIndex; step < totalSteps; epochIndex++) {
            long epoch = epochIndex + 1;
            Iterator<Dataset> epochBatches = batches.epoch(Math.toIntExact(epochIndex)).iterator();
            int batchInEpoch = 0;
            for (; batchesToSkip > 0; batchesToSkip--, batchInEpoch++) epochBatches.next();
            while (epochBatches.hasNext() && step < totalSteps) {
                Dataset batch = epochBatches.next();
                batchInEpoch++;
                step++;
                double learningRate = schedule == null ? optimizer.learningRate()
                        : schedule.learningRate(baseLearningRate, scheduleIndex(step, epoch));
                if (runStep(step, epoch, learningRate, batch, recorder, rollback) == StepOutcome.SKIPPED) {
                    skippedInARow++;
                    stopIfSkippingTooLong(skippedInARow, epoch, learningRate, recorder);
                } else {
                    skippedInARow = 0;
                }
                boolean stopEarly = false;
                if (step % config.evaluationInterval() == 0 || step == totalSteps) {
                    Evaluation evaluation = evaluate(evaluator, split, step, epoch);
                    recorder.evaluation(evaluation);
                    for (TrainingListener l : listeners) l.onEvaluation(evaluation);
                    stopEarly = evaluation.hasValidation() && earlyStop.shouldStop(evaluation.validation().loss());
                }
                TrainingPosition position = new TrainingPosition(step, epoch, batchInEpoch, batches.batchesPerEpoch(), trainingRows);
                boolean ending = stopEarly || step == totalSteps;
                if (checkpointSink != null && lastCheckpoint != step && (ending || checkpointSchedule.due(position))) {
                    checkpointSink.write(snapshot(position, baseLearningRate, earlyStop, skippedInARow));
                    lastCheckpoint = step;
                }
                if (stopEarly) return recorder.finish(StopReason.EARLY_STOPPED);
            }
        }
        return recorder.finish(StopReason.BUDGET_EXHAUSTED);
    }

    private Evaluation evaluate(Evaluator evaluator, TrainValidationSplit split, long step, long epoch) {
        return new Evaluation(step, epoch, evaluator.measure(split.train()),
                split.validation() == null ? null : evaluator.measure(split.validation()));
    }

    private long scheduleIndex(long step, long epoch) {
        return scheduleCounts == Budget.Unit.STEPS ? step - 1 : epoch - 1;
    }

    /** One step inside a {@link StepMemory} scope: the step's op results and intermediate gradients reuse pooled storage. */
    private StepOutcome runStep(long step, long epoch, double learningRate, Dataset batch, TrainingHistory.Recorder recorder,
                                StepRollback rollback) {
        try (StepMemory memory = StepMemory.open()) {
            return runStepInScope(step, epoch, learningRate, batch, recorder, rollback);
        }
    }

    private StepOutcome runStepInScope(long step, long epoch, double learningRate, Dataset batch, TrainingHistory.Recorder recorder,
                                       StepRollback rollback) {
        optimizer.setLearningRate(learningRate);
        StepContext context = new StepContext(step, epoch, model, Double.NaN, learningRate, batch, ClippingResult.PENDING);
        for (TrainingListener l : listeners) l.beforeStep(context);

        rollback.save();
        optimizer.zeroGrad();
        for (Tensor p : modelParameters) p.zeroGrad();
        Tensor lossTensor = loss.compute(model.forward(batch.features()), batch.targets());
        double lossValue = lossTensor.item();
        if (!Double.isFinite(lossValue)) {
            return nonFinite("loss", lossValue, lossValue, step, epoch, learningRate, batch, recorder, rollback);
        }
        lossTensor.backward();
        List<Tensor> parameters = optimizer.parameters();
        ClippingResult clipping = config.clipping().measure(parameters);
        if (!Double.isFinite(clipping.preClipNorm())) {
            return nonFinite("global gradient norm", clipping.preClipNorm(), lossValue, step, epoch, learningRate, batch, recorder, rollback);
        }
        context = context.afterBackward(lossValue, clipping);
        // Listeners see the data loss's own gradient. A penalty's gradient is added after them, so probes never
        // mistake the 2λW of an L2 term for gradient flowing back from the loss.
        for (TrainingListener l : listeners) l.afterBackward(context);
        if (!penalties.isEmpty()) {
            Map<String, Tensor> named = model.namedParameters();
            for (Penalty penalty : penalties) penalty.addGradientsInPlace(named);
            clipping = config.clipping().measure(parameters);
            if (!Double.isFinite(clipping.preClipNorm())) {
                return nonFinite("global gradient norm", clipping.preClipNorm(), lossValue, step, epoch, learningRate, batch, recorder, rollback);
            }
            context = context.afterBackward(lossValue, clipping);
        }

        config.clipping().apply(parameters, clipping);
        stepOptimizer();
        recorder.step(lossValue, learningRate);
        for (TrainingListener l : listeners) l.afterStep(context);
        return StepOutcome.UPDATED;
    }

    /** The optimizer step, reported to the listeners that watch it (a recording probe), if any. */
    private void stepOptimizer() {
        UpdateObserver observer = null;
        for (TrainingListener l : listeners) {
            UpdateObserver o = l.updateObserver();
            if (o != null) observer = observer == null ? o : UpdateObserver.both(observer, o);
        }
        if (observer == null) optimizer.step();
        else optimizer.step(observer);
    }

    /**
     * A non-finite loss or gradient norm: undoes the step (BatchNorm statistics and dropout streams as before it,
     * gradients cleared, no update), replays it to locate the first non-finite value, then skips or stops.
     */
    private StepOutcome nonFinite(String quantity, double value, double lossValue, long step, long epoch, double learningRate,
                                  Dataset batch, TrainingHistory.Recorder recorder, StepRollback rollback) {
        rollback.restore();
        NonFiniteOrigin origin = NonFiniteLocator.locate(model, loss, batch);
        rollback.restore();
        optimizer.zeroGrad();
        for (Tensor p : modelParameters) p.zeroGrad();
        if (config.nonFinite() instanceof NonFinitePolicy.SkipStep) {
            recorder.step(lossValue, learningRate);
            recorder.skipped(new SkippedStep(step, quantity, value, origin));
            return StepOutcome.SKIPPED;
        }
        throw new TrainingDivergedException(quantity, step, epoch, value, learningRate, origin, null, recorder.finish(StopReason.DIVERGED));
    }

    private void stopIfSkippingTooLong(int skippedInARow, long epoch, double learningRate, TrainingHistory.Recorder recorder) {
        if (!(config.nonFinite() instanceof NonFinitePolicy.SkipStep skip) || skippedInARow < skip.maxConsecutive()) return;
        SkippedStep last = recorder.lastSkipped();
        throw new TrainingDivergedException(last.quantity(), last.step(), epoch, last.value(), learningRate, last.origin(),
                skippedInARow + " steps in a row were skipped", recorder.finish(StopReason.DIVERGED));
    }

    /** A deep copy of everything the run needs to continue after {@code position}. */
    private TrainingState snapshot(TrainingPosition position, double baseLearningRate, EarlyStopWatch earlyStop, int skippedInARow) {
        Map<String, Dropout.RandomState> streams = new LinkedHashMap<>();
        ModuleTree.dropouts(model).forEach((path, d) -> streams.put(path, d.randomState()));
        return new TrainingState(position, model.stateDict(), optimizer.state(), parameterNames(),
                new ScheduleState(baseLearningRate, scheduleCounts, scheduleIndex(position.step(), position.epoch())),
                streams, earlyStop.state(), skippedInARow);
    }

    /** The model's name of each optimizer parameter, in the optimizer's order; "#i" for one the model does not hold. */
    private List<String> parameterNames() {
        Map<Tensor, String> names = new java.util.IdentityHashMap<>();
        model.namedParameters().forEach((name, t) -> names.put(t, name));
        List<Tensor> parameters = optimizer.parameters();
        List<String> out = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) out.add(names.getOrDefault(parameters.get(i), "#" + i));
        return out;
    }

    /** Checks that {@code state} fits this run, then restores it; see {@link #resume}. */
    private void restore(TrainingState state, int batchesPerEpoch, int trainingRows, EarlyStopWatch earlyStop) {
        TrainingPosition p = state.position();
        if (p.batchesPerEpoch() != batchesPerEpoch || p.trainingRows() != trainingRows) {
            throw new IllegalArgumentException("cannot resume: the state was saved by a run with " + p.trainingRows()
                    + " training rows in " + p.batchesPerEpoch() + " batches per epoch, but this run has " + trainingRows
                    + " rows in " + batchesPerEpoch + " batches; resume with the same data, validation split and batching");
        }
        if (schedule != null && state.schedule().counts() != scheduleCounts) {
            throw new IllegalArgumentException("cannot resume: the state's schedule counts " + state.schedule().counts()
                    + " but this trainer's schedule counts " + scheduleCounts);
        }
        Map<String, Dropout> dropouts = ModuleTree.dropouts(model);
        if (!dropouts.keySet().equals(state.dropout().keySet())) {
            throw new IllegalArgumentException("cannot resume: the state holds dropout streams for layers " + state.dropout().keySet()
                    + " but the model's dropout layers are " + dropouts.keySet());
        }
        StateDicts.requireMatch(model, state.model());
        if (!parameterNames().equals(state.parameterNames())) {
            throw new IllegalArgumentException("cannot resume: the state's optimizer updated parameters " + state.parameterNames()
                    + " but this optimizer updates " + parameterNames());
        }
        optimizer.loadState(state.optimizer());
        StateDicts.copyInto(model, state.model());
        dropouts.forEach((path, d) -> d.restoreRandomState(state.dropout().get(path)));
        earlyStop.restore(state.earlyStopping());
    }

    /** The whole data with no validation part, or the seeded split the setting asks for. */
    private static TrainValidationSplit split(Dataset data, ValidationSplit setting) {
        if (!setting.enabled()) return new TrainValidationSplit(data, null);
        return TrainValidationSplit.split(data, setting.fraction(), new SplittableRandom(setting.seed()));
    }
}
