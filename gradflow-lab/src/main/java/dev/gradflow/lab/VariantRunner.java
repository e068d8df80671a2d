package dev.gradflow.lab;

import dev.gradflow.data.Dataset;
import dev.gradflow.data.MiniBatches;
import dev.gradflow.data.Task;
import dev.gradflow.data.TrainValidationSplit;
import dev.gradflow.diagnostics.GradientFlowProbe;
import dev.gradflow.diagnostics.LearningRateFinder;
import dev.gradflow.diagnostics.ModelAnatomy;
import dev.gradflow.diagnostics.ProbeConfig;
import dev.gradflow.diagnostics.ProbeListener;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.report.MetricsJsonl;
import dev.gradflow.spec.ModelFactory;
import dev.gradflow.train.Budget;
import dev.gradflow.train.Evaluator;
import dev.gradflow.train.Evaluation;
import dev.gradflow.train.Metrics;
import dev.gradflow.train.StepContext;
import dev.gradflow.train.Trainer;
import dev.gradflow.train.TrainingConfig;
import dev.gradflow.train.TrainingDivergedException;
import dev.gradflow.train.TrainingHistory;
import dev.gradflow.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains one run of an experiment — builds the model from the run's seed, runs the range test if asked, trains
 * with a {@link GradientFlowProbe} streaming to {@code metrics.jsonl}, evaluates the test data — and sums it up as
 * a {@link VariantSummary}. A run that diverges or fails is summed up as failed, with its error and whatever the
 * probes recorded before; it never throws for a training problem.
 */
final class VariantRunner {
    /** Metrics lines are flushed this often, so a killed run loses at most this many records. */
    private static final int FLUSH_EVERY = 20;

    private final ExperimentSpec.Run run;
    private final Dataset train;
    private final Dataset test;
    private final RunDirectory directory;
    private final RunProgress progress;

    VariantRunner(ExperimentSpec.Run run, Dataset train, Dataset test, RunDirectory directory, RunProgress progress) {
        this.run = run;
        this.train = train;
        this.test = test;
        this.directory = directory;
        this.progress = progress;
    }

    /** The optimizer and range-test steps this run will take at most (for progress). */
    static long plannedSteps(ExperimentSpec.Run run, int trainingRows) {
        TrainingSpecSteps steps = new TrainingSpecSteps(run.settings().training(), trainingRows);
        return steps.total();
    }

    VariantSummary call() {
        long start = System.nanoTime();
        ModelFactory.Built built = ModelFactory.build(run.settings().model(), new SplittableRandom(run.seed()));
        GradientFlowProbe probe = new GradientFlowProbe(built.model(), ProbeConfig.defaults().withInterval(run.settings().probeInterval()));
        Outcome outcome = train(built.model(), built.loss(), probe);
        return summarize(built.model(), built.loss(), probe, outcome, start);
    }

    /**
     * How training went.
     *
     * @param history      the steps taken (null when training never started)
     * @param error        why the run failed, or null
     * @param stopReason   budget_exhausted, early_stopped, diverged, or null
     * @param learningRate the base rate trained with
     */
    private record Outcome(TrainingHistory history, String error, String stopReason, double learningRate) {}

    /** Runs the range test (if asked) and training; a failure becomes the outcome's error. */
    private Outcome train(Sequential model, Loss loss, GradientFlowProbe probe) {
        TrainingSpec spec = run.settings().training();
        TrainingSpecSteps planned = new TrainingSpecSteps(spec, train.size());
        TrainingConfig config = spec.config(run.settings().task(), run.seed());
        StepCounter counter = new StepCounter(progress);
        double learningRate = spec.learningRate();
        try {
            directory.createVariantFolder(run.name());
            if (spec.lrFind() != null) {
                learningRate = findLearningRate(model, loss, config, learningRate);
                counter.advanced(spec.lrFind().config().steps());
            }
            try (MetricsJsonl sink = new MetricsJsonl(directory.metrics(run.name()), FLUSH_EVERY)) {
                probe.addSink(sink);
                Trainer trainer = new Trainer(model, loss, spec.optimizer(model.parameters(), learningRate), config)
                        .addListener(new ProbeListener(probe))
                        .addListener(counter);
                ScheduleSpec schedule = spec.schedule();
                if (schedule != null && schedule.perEpoch()) trainer.withEpochSchedule(schedule.schedule(planned.epochs()));
                if (schedule != null && !schedule.perEpoch()) trainer.withStepSchedule(schedule.schedule(planned.trainingSteps()));
                spec.penalties().forEach(trainer::withPenalty);
                TrainingHistory history = trainer.fit(train);
                return new Outcome(history, null, history.stopReason().name().toLowerCase(Locale.ROOT), learningRate);
            } catch (TrainingDivergedException e) {
                return new Outcome(e.history(), e.getMessage(), "diverged", learningRate);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } catch (RuntimeException e) {
            return new Outcome(null, e.getMessage() == null ? e.toString() : e.getMessage(), null, learningRate);
        } finally {
            probe.detach();
            progress.advanced(Math.max(0, planned.total() - counter.count()));
        }
    }

    /** The summary of a run: training's outcome, the probes' measures, and the test data's metrics. */
    private VariantSummary summarize(Sequential model, Loss loss, GradientFlowProbe probe, Outcome outcome, long startNanos) {
        Task task = run.settings().task();
        FlowMeasures flow = FlowMeasures.of(ModelAnatomy.of(model), probe.history());
        TrainingHistory history = outcome.history();
        boolean complete = outcome.error() == null;
        double lossFinal = Double.NaN;
        double accuracy = Double.NaN;
        double testLoss = Double.NaN;
        double testAccuracy = Double.NaN;
        if (complete && !history.evaluations().isEmpty()) {
            Evaluation last = history.lastEvaluation();
            lossFinal = last.training().loss();
            if (task == Task.CLASSIFICATION) accuracy = (last.hasValidation() ? last.validation() : last.training()).accuracy();
            if (test != null) {
                Metrics m = evaluate(model, loss, task, test);
                testLoss = m.loss();
                if (task == Task.CLASSIFICATION) testAccuracy = m.accuracy();
            }
        }
        return new VariantSummary(run.name(), run.overrides(), complete ? "complete" : "failed", outcome.error(),
                history == null ? 0 : history.steps(), history != null && history.steps() > 0 ? history.firstLoss() : Double.NaN,
                lossFinal, accuracy, flow.gradInit(), flow.gradEnd(), flow.backpropInit(), flow.backpropEnd(), flow.decadesInit(),
                flow.decadesEnd(), flow.findings(), (System.nanoTime() - startNanos) / 1e9, run.seed(), outcome.learningRate(), testLoss, testAccuracy,
                outcome.stopReason());
    }

    /** Runs the range test on the training split's batches, records it, and returns the rate to train with. */
    private double findLearningRate(Sequential model, Loss loss, TrainingConfig config, double configured) {
        LearningRateFindSpec find = run.settings().training().lrFind();
        Dataset trainingSplit = config.validation().enabled()
                ? TrainValidationSplit.split(train, config.validation().fraction(), new SplittableRandom(config.validation().seed())).train()
                : train;
        int batchSize = run.settings().training().batchSize();
        BatchCycle batches = new BatchCycle(trainingSplit, batchSize, run.seed());
        // The finder restores the weights; the normalization layers' running statistics are restored here.
        java.util.Map<String, float[]> buffers = new java.util.LinkedHashMap<>();
        model.namedBuffers().forEach((name, buffer) -> buffers.put(name, buffer.data().clone()));
        LearningRateFinder.Result result;
        try {
            result = LearningRateFinder.run(model, loss, run.settings().training().optimizer(model.parameters(), configured),
                    batches::batch, find.config());
        } finally {
            model.namedBuffers().forEach((name, buffer) -> System.arraycopy(buffers.get(name), 0, buffer.data(), 0, buffer.data().length));
        }
        double chosen = find.chosen(result);
        double rate = Double.isNaN(chosen) ? configured : chosen;
        RunFiles.writeJson(directory.lrFind(run.name()), new LearningRateSearch(run.settings().training().optimizer(),
                find.config().start(), find.config().end(), find.config().steps(), result.lrs(), result.losses(), result.smoothed(),
                result.valley(), result.steepest(), result.minimumTenth(), result.stoppedEarly(), find.use(), rate));
        return rate;
    }

    /** Loss and metrics of the trained model on {@code data}, in evaluation mode, without a graph. */
    static Metrics evaluate(Sequential model, Loss loss, Task task, Dataset data) {
        return new Evaluator(model, loss, task).measure(data);
    }

    /** Batch i of the epochs the trainer would visit: the whole split, or epoch ⌊i/b⌋'s batch i mod b. */
    private static final class BatchCycle {
        private final Dataset data;
        private final MiniBatches batches;
        private int epoch = -1;
        private List<Dataset> current;

        BatchCycle(Dataset data, int batchSize, long seed) {
            this.data = data;
            this.batches = batchSize == 0 ? null : new MiniBatches(data, batchSize, seed);
        }

        LearningRateFinder.Batch batch(int i) {
            if (batches == null) return new LearningRateFinder.Batch(data.features(), data.targets());
            int e = i / batches.batchCount();
            if (e != epoch) {
                current = new ArrayList<>();
                batches.epoch(e).forEach(current::add);
                epoch = e;
            }
            Dataset b = current.get(i % batches.batchCount());
            return new LearningRateFinder.Batch(b.features(), b.targets());
        }
    }

    /** Counts training steps for progress. */
    private static final class StepCounter implements TrainingListener {
        private final RunProgress progress;
        private long count;

        StepCounter(RunProgress progress) {
            this.progress = progress;
        }

        @Override
        public void afterStep(StepContext context) {
            advanced(1);
        }

        void advanced(long steps) {
            count += steps;
            progress.advanced(steps);
        }

        long count() {
            return count;
        }
    }

    /** Steps and epochs a training spec plans on a training set of {@code rows} rows (before the validation split). */
    record TrainingSpecSteps(TrainingSpec spec, int rows) {
        int batchesPerEpoch() {
            int held = spec.validation() == 0 ? 0 : (int) Math.ceil(spec.validation() * rows);
            int trainingRows = Math.max(1, rows - held);
            return spec.batchSize() == 0 ? 1 : (trainingRows + spec.batchSize() - 1) / spec.batchSize();
        }

        long trainingSteps() {
            return spec.budget().totalSteps(batchesPerEpoch());
        }

        long epochs() {
            return spec.budget().unit() == Budget.Unit.EPOCHS ? spec.budget().count()
                    : (spec.budget().count() + batchesPerEpoch() - 1) / batchesPerEpoch();
        }

        long total() {
            return trainingSteps() + (spec.lrFind() == null ? 0 : spec.lrFind().config().steps());
        }
    }
}
