package dev.gradflow.train;

import dev.gradflow.data.Dataset;
import dev.gradflow.data.TrainValidationSplit;
import dev.gradflow.nn.Mode;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.regularize.Penalty;
import dev.gradflow.optim.schedule.LearningRateSchedule;
import dev.gradflow.tensor.StepMemory;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
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
    /** The model's parameters, listed once per fit (a container builds its name map on every call). */
    private List<Tensor> modelParameters = List.of();
    private LearningRateSchedule schedule;
    private Penalty penalty;
    private Budget.Unit scheduleCounts = Budget.Unit.STEPS;

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
     * Sets the learning rate of step t (t = 0 for the first step) to {@code schedule.learningRate(base, t)}, base
     * being the optimizer's rate when {@link #fit} starts. Returns this.
     */
    /**
     * Adds an L1/L2 penalty to the objective: its gradient is added to the parameters' gradients after the
     * listeners' {@link TrainingListener#afterBackward} (which therefore see the data loss's gradient alone) and
     * before clipping and the update. The recorded loss stays the data loss.
     */
    public Trainer withPenalty(Penalty value) {
        this.penalty = value;
        return this;
    }

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

    public TrainingConfig config() {
        return config;
    }

    /**
     * Trains on {@code data} until the budget is spent or early stopping fires.
     *
     * @throws IllegalArgumentException   if the data hold a NaN or an infinity (the message names row and column),
     *                                    or the validation split leaves a part empty
     * @throws TrainingDivergedException if the loss or the gradient norm becomes NaN or infinite
     */
    public TrainingHistory fit(Dataset data) {
        FiniteValues.require(data);
        TrainValidationSplit split = split(data, config.validation());
        BatchSource batches = new BatchSource(split.train(), config.batching());
        Evaluator evaluator = new Evaluator(model, loss, config.task());
        long totalSteps = config.budget().totalSteps(batches.batchesPerEpoch());
        TrainingHistory.Recorder recorder = new TrainingHistory.Recorder();
        double baseLearningRate = optimizer.learningRate();
        EarlyStopWatch earlyStop = new EarlyStopWatch(config.earlyStopping());
        model.setMode(Mode.TRAINING);
        modelParameters = model.parameters();
        try {
            return loop(split, batches, evaluator, totalSteps, recorder, baseLearningRate, earlyStop);
        } finally {
            StepMemory.releasePool();
        }
    }

    private TrainingHistory loop(TrainValidationSplit split, BatchSource batches, Evaluator evaluator, long totalSteps,
                                 TrainingHistory.Recorder recorder, double baseLearningRate, EarlyStopWatch earlyStop) {
        long step = 0;
        for (long epoch = 1; step < totalSteps; epoch++) {
            for (Dataset batch : batches.epoch(Math.toIntExact(epoch - 1))) {
                if (step == totalSteps) break;
                step++;
                double learningRate = schedule == null ? optimizer.learningRate()
                        : schedule.learningRate(baseLearningRate, scheduleCounts == Budget.Unit.STEPS ? step - 1 : epoch - 1);
                runStep(step, epoch, learningRate, batch, recorder);
                if (step % config.evaluationInterval() == 0 || step == totalSteps) {
                    Evaluation evaluation = new Evaluation(step, epoch, evaluator.measure(split.train()),
                            split.validation() == null ? null : evaluator.measure(split.validation()));
                    recorder.evaluation(evaluation);
                    for (TrainingListener l : listeners) l.onEvaluation(evaluation);
                    if (evaluation.hasValidation() && earlyStop.shouldStop(evaluation.validation().loss())) {
                        return recorder.finish(StopReason.EARLY_STOPPED);
                    }
                }
            }
        }
        return recorder.finish(StopReason.BUDGET_EXHAUSTED);
    }

    private void runStep(long step, long epoch, double learningRate, Dataset batch, TrainingHistory.Recorder recorder) {
        try (StepMemory memory = StepMemory.open()) {
            runStepInScope(step, epoch, learningRate, batch, recorder);
        }
    }

    private void runStepInScope(long step, long epoch, double learningRate, Dataset batch, TrainingHistory.Recorder recorder) {
        optimizer.setLearningRate(learningRate);
        StepContext context = new StepContext(step, epoch, model, Double.NaN, learningRate, batch, ClippingResult.PENDING);
        for (TrainingListener l : listeners) l.beforeStep(context);

        optimizer.zeroGrad();
        for (Tensor p : modelParameters) p.zeroGrad();
        Tensor lossTensor = loss.compute(model.forward(batch.features()), batch.targets());
        double lossValue = lossTensor.item();
        if (!Double.isFinite(lossValue)) {
            throw new TrainingDivergedException("loss", step, epoch, lossValue, learningRate, recorder.finish(StopReason.DIVERGED));
        }
        lossTensor.backward();
        List<Tensor> parameters = optimizer.parameters();
        ClippingResult clipping = measureClipping(parameters, step, epoch, learningRate, recorder);
        context = context.afterBackward(lossValue, clipping);
        // Listeners see the data loss's own gradient. A penalty's gradient is added after them, so probes never
        // mistake the 2λW of an L2 term for gradient flowing back from the loss.
        for (TrainingListener l : listeners) l.afterBackward(context);
        if (penalty != null) {
            penalty.addGradientsInPlace(model.namedParameters());
            clipping = measureClipping(parameters, step, epoch, learningRate, recorder);
            context = context.afterBackward(lossValue, clipping);
        }

        config.clipping().apply(parameters, clipping);
        optimizer.step();
        recorder.step(lossValue, learningRate);
        for (TrainingListener l : listeners) l.afterStep(context);
    }

    private ClippingResult measureClipping(List<Tensor> parameters, long step, long epoch, double learningRate,
                                           TrainingHistory.Recorder recorder) {
        ClippingResult clipping = config.clipping().measure(parameters);
        if (!Double.isFinite(clipping.preClipNorm())) {
            throw new TrainingDivergedException("global gradient norm", step, epoch, clipping.preClipNorm(), learningRate,
                    recorder.finish(StopReason.DIVERGED));
        }
        return clipping;
    }

    /** The whole data with no validation part, or the seeded split the setting asks for. */
    private static TrainValidationSplit split(Dataset data, ValidationSplit setting) {
        if (!setting.enabled()) return new TrainValidationSplit(data, null);
        return TrainValidationSplit.split(data, setting.fraction(), new SplittableRandom(setting.seed()));
    }

    /** Early stopping on the validation loss: counts evaluations without an improvement of more than min delta. */
    private static final class EarlyStopWatch {
        private final EarlyStopping rule;
        private double best = Double.POSITIVE_INFINITY;
        private int evaluationsWithoutImprovement;

        EarlyStopWatch(EarlyStopping rule) {
            this.rule = rule;
        }

        boolean shouldStop(double validationLoss) {
            if (!rule.enabled()) return false;
            if (validationLoss < best - rule.minDelta()) {
                best = validationLoss;
                evaluationsWithoutImprovement = 0;
                return false;
            }
            evaluationsWithoutImprovement++;
            return evaluationsWithoutImprovement >= rule.patience();
        }
    }
}
