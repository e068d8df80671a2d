package dev.gradflow.cli.train;

import dev.gradflow.analysis.SpecData;
import dev.gradflow.checkpoint.Checkpoint;
import dev.gradflow.checkpoint.CheckpointReader;
import dev.gradflow.checkpoint.CheckpointStore;
import dev.gradflow.cli.UserException;
import dev.gradflow.data.Dataset;
import dev.gradflow.data.Task;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.optim.Optimizers;
import dev.gradflow.spec.ModelFactory;
import dev.gradflow.spec.ModelSpec;
import dev.gradflow.train.Batching;
import dev.gradflow.train.Budget;
import dev.gradflow.train.CheckpointSchedule;
import dev.gradflow.train.Evaluation;
import dev.gradflow.train.NonFinitePolicy;
import dev.gradflow.train.SkippedStep;
import dev.gradflow.train.Trainer;
import dev.gradflow.train.TrainingConfig;
import dev.gradflow.train.TrainingDivergedException;
import dev.gradflow.train.TrainingHistory;
import dev.gradflow.train.TrainingListener;
import dev.gradflow.train.ValidationSplit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gradflow train}: trains one model, checkpointing as it goes (see {@link OutputDirectory} for what it
 * writes), and continues an interrupted run with {@code --resume}: same options, same result bit for bit.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains one model on a dataset and saves it as OUT/model (model.yaml + weights.safetensors). Checkpoints go to"
                    + " OUT/checkpoints every --checkpoint-every steps (or --checkpoint-every-epochs epochs) and at the end; after a"
                    + " crash or Ctrl-C, the same command with --resume continues from the latest one and ends with the same"
                    + " weights as an uninterrupted run.",
            "The seed draws the initial weights, the batch order and the validation split."
        })
public final class TrainCommand implements Callable<Integer> {

    /** What a NaN or infinite loss or gradient does. */
    enum OnNonFinite {
        stop,
        skip
    }

    @Parameters(index = "0", paramLabel = "SPEC", description = "Model spec (YAML): input, layers, loss.")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory: checkpoints/ and model/.")
    Path out;

    @Option(names = "--data", required = true, paramLabel = "URI|FILE",
            description = "A dataset URI (mnist:DIR, csv:FILE?target=y, synthetic:linear?n=1000, ...) or a CSV file whose leading"
                    + " columns are the spec's inputs and the rest its targets.")
    String data;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, adam, adamw, rmsprop, ... (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--steps", description = "Optimizer steps to train (default: 1000 unless --epochs is given).")
    Long steps;

    @Option(names = "--epochs", description = "Epochs to train, instead of --steps.")
    Long epochs;

    @Option(names = "--batch", defaultValue = "32", description = "Mini-batch size; 0 = full batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the weights, batch order and validation split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--validation", defaultValue = "0", paramLabel = "FRACTION",
            description = "Fraction of the rows held out for validation (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--evaluation-interval", defaultValue = "100", paramLabel = "STEPS",
            description = "Evaluate (and print a line) every this many steps and at the end (default: ${DEFAULT-VALUE}).")
    int evaluationInterval;

    @Option(names = "--checkpoint-every", defaultValue = "100", paramLabel = "STEPS",
            description = "Write a checkpoint every this many steps, and at the end (default: ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--checkpoint-every-epochs", paramLabel = "EPOCHS",
            description = "Write a checkpoint at the end of every this many epochs instead, and at the end.")
    Long checkpointEveryEpochs;

    @Option(names = "--keep", defaultValue = "3", description = "Checkpoints to keep, the newest (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint (same options; --steps or --epochs may grow).")
    boolean resume;

    @Option(names = "--on-non-finite", defaultValue = "stop", paramLabel = "stop|skip",
            description = "A NaN or infinite loss or gradient: stop (default; the last good checkpoint is kept) or skip the step"
                    + " (at most " + NonFinitePolicy.DEFAULT_MAX_CONSECUTIVE_SKIPS + " in a row).")
    OnNonFinite onNonFinite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Budget budget = checkOptions();
        ModelSpec modelSpec = ModelSpec.load(specFile);
        OutputDirectory output = new OutputDirectory(out);
        RunSettings settings = settings(modelSpec);
        Checkpoint from = null;
        if (resume) {
            output.requireDirectoryOrAbsent();
            Path latest = output.latestCheckpoint().orElseThrow(() ->
                    new UserException("nothing to resume: " + output.checkpoints() + " holds no checkpoint"));
            from = CheckpointReader.read(latest);
            List<String> differences = settings.differencesFrom(from.run());
            if (!differences.isEmpty()) {
                throw new UserException("cannot resume " + latest + ": it was written with other settings: " + String.join(", ", differences)
                        + "; resume with the same options, or train into another --out");
            }
        } else {
            output.requireFresh();
        }

        Task task = modelSpec.loss().name().equals("cross_entropy") ? Task.CLASSIFICATION : Task.REGRESSION;
        Dataset dataset = SpecData.load(data, modelSpec);
        ModelFactory.Built built = ModelFactory.build(modelSpec, new SplittableRandom(seed));
        Optimizer opt = Optimizers.create(optimizer, built.model().parameters(), learningRate);
        TrainingConfig config = TrainingConfig.DEFAULTS
                .withBatching(batch == 0 ? Batching.fullBatch() : Batching.miniBatch(batch, seed))
                .withBudget(budget)
                .withValidation(validation == 0 ? ValidationSplit.NONE : new ValidationSplit(validation, seed))
                .withTask(task)
                .withEvaluationInterval(evaluationInterval)
                .withNonFinite(onNonFinite == OnNonFinite.skip ? NonFinitePolicy.skipStep() : NonFinitePolicy.stop());
        PrintWriter stdout = spec.commandLine().getOut();
        Trainer trainer = new Trainer(built.model(), built.loss(), opt, config)
                .withCheckpoints(checkpointEveryEpochs == null ? CheckpointSchedule.everySteps(checkpointEvery)
                        : CheckpointSchedule.everyEpochs(checkpointEveryEpochs), new CheckpointStore(output.checkpoints(), keep, settings.values()))
                .addListener(new TrainingListener() {
                    @Override
                    public void onEvaluation(Evaluation evaluation) {
                        stdout.println(progressLine(evaluation, task));
                        stdout.flush();
                    }
                });
        if (from != null) spec.commandLine().getErr().println("resuming from " + from.location() + " (step " + from.step() + ")");

        TrainingHistory history;
        try {
            history = from == null ? trainer.fit(dataset) : trainer.resume(dataset, from.state());
        } catch (TrainingDivergedException e) {
            String kept = output.latestCheckpoint().map(p -> " The last good checkpoint is " + p + ".")
                    .orElse(" No checkpoint was written before it.");
            throw new UserException(e.getMessage() + kept, e);
        }
        output.saveModel(modelSpec, built.model());
        summary(stdout, history, output, from);
        return 0;
    }

    private Budget checkOptions() {
        if (steps != null && epochs != null) throw usage("give --steps or --epochs, not both");
        Budget budget;
        try {
            budget = epochs != null ? Budget.epochs(epochs) : Budget.steps(steps == null ? 1000 : steps);
        } catch (IllegalArgumentException e) {
            throw usage((epochs != null ? "--epochs" : "--steps") + " must be at least 1");
        }
        if (batch < 0) throw usage("--batch must be >= 0 (0 = full batch), got " + batch);
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) throw usage("--lr must be a finite number >= 0, got " + learningRate);
        if (!(validation >= 0 && validation < 1)) throw usage("--validation must be in [0, 1), got " + validation);
        if (evaluationInterval < 1) throw usage("--evaluation-interval must be at least 1, got " + evaluationInterval);
        if (checkpointEvery < 1) throw usage("--checkpoint-every must be at least 1, got " + checkpointEvery);
        if (checkpointEveryEpochs != null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--checkpoint-every")) {
                throw usage("give --checkpoint-every or --checkpoint-every-epochs, not both");
            }
            if (checkpointEveryEpochs < 1) throw usage("--checkpoint-every-epochs must be at least 1, got " + checkpointEveryEpochs);
        }
        if (keep < 1) throw usage("--keep must be at least 1, got " + keep);
        return budget;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The settings a resumed run must share with the run that wrote its checkpoint. */
    private RunSettings settings(ModelSpec modelSpec) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spec", modelSpec.toYaml());
        m.put("data", data);
        m.put("optimizer", optimizer.trim().toLowerCase(Locale.ROOT));
        m.put("lr", Double.toString(learningRate));
        m.put("batch", Integer.toString(batch));
        m.put("seed", Long.toString(seed));
        m.put("validation", Double.toString(validation));
        m.put("evaluation_interval", Integer.toString(evaluationInterval));
        m.put("on_non_finite", onNonFinite.name());
        return new RunSettings(m);
    }

    static String progressLine(Evaluation e, Task task) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "step %d  epoch %d  loss %.6g", e.step(), e.epoch(), e.training().loss()));
        if (task == Task.CLASSIFICATION) sb.append(String.format(Locale.ROOT, "  accuracy %.4f", e.training().accuracy()));
        else sb.append(String.format(Locale.ROOT, "  r2 %.4f", e.training().rSquared()));
        if (e.hasValidation()) {
            sb.append(String.format(Locale.ROOT, "  val_loss %.6g", e.validation().loss()));
            if (task == Task.CLASSIFICATION) sb.append(String.format(Locale.ROOT, "  val_accuracy %.4f", e.validation().accuracy()));
            else sb.append(String.format(Locale.ROOT, "  val_r2 %.4f", e.validation().rSquared()));
        }
        return sb.toString();
    }

    private static void summary(PrintWriter stdout, TrainingHistory history, OutputDirectory output, Checkpoint from) {
        long last = history.lastEvaluation().step();
        String reason = history.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        stdout.println("trained " + (from == null ? "" : "from step " + from.step() + " ") + "to step " + last + " (" + reason + ")");
        List<SkippedStep> skipped = history.skippedSteps();
        if (!skipped.isEmpty()) {
            SkippedStep first = skipped.getFirst();
            stdout.println("skipped " + skipped.size() + " step" + (skipped.size() == 1 ? "" : "s") + " with a non-finite loss or gradient;"
                    + " the first, step " + first.step() + " (" + first.quantity() + " " + first.value() + "): " + first.origin().describe());
        }
        stdout.println("model: " + output.model());
        output.latestCheckpoint().ifPresent(p -> stdout.println("checkpoints: " + output.checkpoints() + " (latest " + p.getFileName() + ")"));
        stdout.flush();
    }
}
