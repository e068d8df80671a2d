package dev.gradflow.cli.train;

import dev.gradflow.analysis.SpecData;
import dev.gradflow.cli.UserException;
import dev.gradflow.data.Dataset;
import dev.gradflow.data.DatasetSource;
import dev.gradflow.lab.ScheduleSpec;
import dev.gradflow.lab.TrainingSpec;
import dev.gradflow.lab.VariantSettings;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.spec.ModelFactory;
import dev.gradflow.train.Budget;
import dev.gradflow.train.NonFinitePolicy;
import dev.gradflow.train.Trainer;
import dev.gradflow.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One training run built from a variant's settings and a seed as {@code gradflow run} builds it: weights and dropout
 * masks from {@code new SplittableRandom(seed)}, batch order and validation split from the seed, the training
 * section's optimizer, schedule, penalty, clipping, early stopping and evaluation interval.
 *
 * @param settings  the variant's settings
 * @param seed      the run's seed
 * @param train     the training data, shaped for the model's input
 * @param test      the test data, or null
 * @param built     the model and its loss
 * @param optimizer the optimizer over the model's parameters
 * @param config    the trainer's configuration
 */
record TrainingPlan(VariantSettings settings, long seed, Dataset train, Dataset test, ModelFactory.Built built, Optimizer optimizer,
                    TrainingConfig config) {

    /**
     * @param trainData   where the training data come from: the settings' URI, or a CSV file whose leading columns
     *                    are the model's inputs (see {@link SpecData#readCsv})
     * @param datasets    the datasets directory for URIs without a directory, or null for the default
     */
    static TrainingPlan build(VariantSettings settings, long seed, String trainData, Path datasets, NonFinitePolicy nonFinite) {
        TrainingSpec training = settings.training();
        if (training.lrFind() != null) {
            throw new UserException("gradflow train does not run the learning-rate range test (training.lr_find); set training.lr"
                    + " (gradflow lr-find suggests one), or use gradflow run");
        }
        Dataset train = load(trainData, settings, datasets);
        Dataset test = settings.data().test() == null ? null : load(settings.data().test(), settings, datasets);
        ModelFactory.Built built = ModelFactory.build(settings.model(), new SplittableRandom(seed));
        Optimizer optimizer = training.optimizer(built.model().parameters(), training.learningRate());
        TrainingConfig config = training.config(settings.task(), seed).withNonFinite(nonFinite);
        return new TrainingPlan(settings, seed, train, test, built, optimizer, config);
    }

    /** The trainer with the schedule and penalty of the training section. */
    Trainer trainer() {
        TrainingSpec training = settings.training();
        Trainer trainer = new Trainer(built.model(), built.loss(), optimizer, config);
        ScheduleSpec schedule = training.schedule();
        if (schedule != null && schedule.perEpoch()) trainer.withEpochSchedule(schedule.schedule(plannedEpochs()));
        if (schedule != null && !schedule.perEpoch()) trainer.withStepSchedule(schedule.schedule(plannedSteps()));
        training.penalties().forEach(trainer::withPenalty);
        return trainer;
    }

    /**
     * The settings a resumed run must share with the one that wrote its checkpoint: everything but the budget (a
     * finished run may be resumed with more steps).
     */
    RunSettings runSettings(NonFinitePolicy nonFinite) {
        TrainingSpec t = settings.training();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data", settings.data().train());
        if (settings.data().test() != null) m.put("test_data", settings.data().test());
        m.put("spec", settings.model().toYaml());
        m.put("optimizer", t.optimizer() + (t.optimizerOptions().isEmpty() ? "" : " " + t.optimizerOptions()));
        m.put("lr", Double.toString(t.learningRate()));
        if (t.schedule() != null) m.put("schedule", t.schedule().toString());
        m.put("batch_size", t.batchSize() == 0 ? "full" : Integer.toString(t.batchSize()));
        m.put("validation", Double.toString(t.validation()));
        if (Double.isFinite(t.clipNorm())) m.put("clip_norm", Double.toString(t.clipNorm()));
        if (t.l1() > 0) m.put("l1", Double.toString(t.l1()));
        if (t.l2() > 0) m.put("l2", Double.toString(t.l2()));
        if (t.earlyStopping().enabled()) m.put("early_stopping", t.earlyStopping().toString());
        m.put("evaluation_interval", Integer.toString(t.evaluationInterval()));
        m.put("seed", Long.toString(seed));
        m.put("on_non_finite", nonFinite instanceof NonFinitePolicy.SkipStep s ? "skip (at most " + s.maxConsecutive() + " in a row)" : "stop");
        return new RunSettings(m);
    }

    /** Batches per epoch: the training rows left after ⌈fraction·N⌉ are held out, in batches of batch_size. */
    private int batchesPerEpoch() {
        TrainingSpec t = settings.training();
        int rows = train.size() - (int) Math.ceil(t.validation() * train.size());
        return t.batchSize() == 0 ? 1 : (rows + t.batchSize() - 1) / t.batchSize();
    }

    /** The step budget a step schedule spans (its default t_max). */
    private long plannedSteps() {
        return settings.training().budget().totalSteps(batchesPerEpoch());
    }

    /** The epoch budget an epoch schedule spans (its default t_max). */
    private long plannedEpochs() {
        Budget budget = settings.training().budget();
        return budget.unit() == Budget.Unit.EPOCHS ? budget.count() : (budget.count() + batchesPerEpoch() - 1) / batchesPerEpoch();
    }

    private static Dataset load(String location, VariantSettings settings, Path datasets) {
        if (isFile(location)) return SpecData.readCsv(Path.of(location), settings.model());
        DatasetSource source = datasets == null ? DatasetSource.parse(location) : DatasetSource.parse(location, datasets);
        Dataset data = source.load();
        if (data.size() == 0) throw new IllegalArgumentException("data " + location + ": has no rows");
        return SpecData.fit(data, settings.model());
    }

    private static boolean isFile(String text) {
        try {
            return Files.isRegularFile(Path.of(text));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
