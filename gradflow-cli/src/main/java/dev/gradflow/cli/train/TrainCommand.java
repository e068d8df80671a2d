package dev.gradflow.cli.train;

import dev.gradflow.checkpoint.Checkpoint;
import dev.gradflow.checkpoint.CheckpointReader;
import dev.gradflow.checkpoint.CheckpointStore;
import dev.gradflow.cli.UserException;
import dev.gradflow.data.Task;
import dev.gradflow.lab.ExperimentSpec;
import dev.gradflow.spec.YamlNode;
import dev.gradflow.train.CheckpointSchedule;
import dev.gradflow.train.Evaluation;
import dev.gradflow.train.NonFinitePolicy;
import dev.gradflow.train.Trainer;
import dev.gradflow.train.TrainingDivergedException;
import dev.gradflow.train.TrainingHistory;
import dev.gradflow.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code gradflow train}: trains one variant of an experiment spec (or a model spec with options), checkpointing as
 * it goes (see {@link OutputDirectory} for what it writes), and continues an interrupted run with {@code --resume}:
 * same settings, same result bit for bit.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains one model and saves it as OUT/model (model.yaml + weights.safetensors). SPEC is an experiment spec, as"
                    + " gradflow run reads (one variant: the only one, or --variant NAME of a grid), or a model spec (input,"
                    + " layers, loss) with --data and the training options below.",
            "Checkpoints go to OUT/checkpoints every --checkpoint-every steps (or --checkpoint-every-epochs epochs) and at the"
                    + " end; after a crash or Ctrl-C, the same command with --resume continues from the latest one and ends with"
                    + " the same weights as an uninterrupted run.",
            "The seed draws the initial weights, the dropout masks, the batch order and the validation split."
        })
public final class TrainCommand implements Callable<Integer> {
    private static final List<String> MODEL_SPEC_OPTIONS = List.of("--data", "--optimizer", "--lr", "--epochs", "--batch", "--validation",
            "--evaluation-interval");
    private static final List<String> EXPERIMENT_OPTIONS = List.of("--variant", "--set");

    /** What a NaN or infinite loss or gradient does. */
    enum OnNonFinite {
        stop,
        skip
    }

    @Parameters(index = "0", paramLabel = "SPEC", description = "An experiment spec (YAML with data, model, training), or a model spec.")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory: checkpoints/ and model/.")
    Path out;

    @Option(names = "--variant", paramLabel = "NAME", description = "Experiment spec: the grid variant to train.")
    String variant;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Experiment spec: override a setting, e.g. --set training.lr=0.1 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--datasets", paramLabel = "DIR", description = "The datasets directory for URIs like mnist: (default: $GRADFLOW_DATASETS, else ./datasets).")
    Path datasets;

    @Option(names = "--data", paramLabel = "URI|FILE",
            description = "Model spec: a dataset URI (mnist:DIR, csv:FILE?target=y, synthetic:linear?n=1000, ...) or a CSV file whose"
                    + " leading columns are the spec's inputs and the rest its targets.")
    String data;

    @Option(names = "--optimizer", description = "Model spec: sgd, adam, adamw, rmsprop, ... (default: sgd, as in experiment specs).")
    String optimizer;

    @Option(names = "--lr", description = "Model spec: learning rate (default: 0.01).")
    Double learningRate;

    @Option(names = "--steps", description = "Optimizer steps to train (default: the spec's, or 1000); on --resume it may grow.")
    Long steps;

    @Option(names = "--epochs", description = "Model spec: epochs to train, instead of --steps.")
    Long epochs;

    @Option(names = "--batch", description = "Model spec: mini-batch size; 0 = full batch (the default).")
    Integer batch;

    @Option(names = "--validation", paramLabel = "FRACTION", description = "Model spec: fraction of the rows held out for validation (default: 0).")
    Double validation;

    @Option(names = "--evaluation-interval", paramLabel = "STEPS", description = "Model spec: evaluate (and print a line) every this many steps and at the end (default: 100).")
    Integer evaluationInterval;

    @Option(names = "--seed", description = "Seed (default: the experiment spec's seed, or 0).")
    Long seed;

    @Option(names = "--checkpoint-every", defaultValue = "100", paramLabel = "STEPS",
            description = "Write a checkpoint every this many steps, and at the end (default: ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--checkpoint-every-epochs", paramLabel = "EPOCHS",
            description = "Write a checkpoint at the end of every this many epochs instead, and at the end.")
    Long checkpointEveryEpochs;

    @Option(names = "--keep", defaultValue = "3", description = "Checkpoints to keep, the newest (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint (same settings; --steps may grow).")
    boolean resume;

    @Option(names = "--on-non-finite", defaultValue = "stop", paramLabel = "stop|skip",
            description = "A NaN or infinite loss or gradient: stop (default; the last good checkpoint is kept) or skip the step"
                    + " (at most " + NonFinitePolicy.DEFAULT_MAX_CONSECUTIVE_SKIPS + " in a row).")
    OnNonFinite onNonFinite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        checkCheckpointOptions();
        YamlNode root = YamlNode.load(specFile);
        boolean experiment = TrainSpecSource.isExperiment(root);
        checkModeOptions(experiment);
        TrainSpecSource.Chosen chosen;
        try {
            chosen = experiment
                    ? TrainSpecSource.experiment(root, variant, sets, steps)
                    : TrainSpecSource.modelSpec(specFile, new TrainSpecSource.Options(data, optimizer, learningRate, steps, epochs, batch,
                            validation, evaluationInterval));
        } catch (TrainSpecSource.OptionException e) {
            throw usage(e.getMessage());
        }
        long runSeed = seed(chosen);
        NonFinitePolicy nonFinite = onNonFinite == OnNonFinite.skip ? NonFinitePolicy.skipStep() : NonFinitePolicy.stop();

        OutputDirectory output = new OutputDirectory(out);
        if (resume) output.requireDirectoryOrAbsent();
        else output.requireFresh();
        String trainData = experiment ? chosen.variant().settings().data().train() : data;
        TrainingPlan plan = TrainingPlan.build(chosen.variant().settings(), runSeed, trainData, datasets, nonFinite);
        RunSettings settings = plan.runSettings(nonFinite);
        Checkpoint from = resume ? latestCheckpoint(output, settings) : null;

        PrintWriter stdout = spec.commandLine().getOut();
        Task task = chosen.variant().settings().task();
        Trainer trainer = plan.trainer()
                .withCheckpoints(checkpointEveryEpochs == null ? CheckpointSchedule.everySteps(checkpointEvery)
                        : CheckpointSchedule.everyEpochs(checkpointEveryEpochs), new CheckpointStore(output.checkpoints(), keep, settings.values()))
                .addListener(new TrainingListener() {
                    @Override
                    public void onEvaluation(Evaluation evaluation) {
                        stdout.println(TrainReport.progressLine(evaluation, task));
                        stdout.flush();
                    }
                });
        if (from != null) spec.commandLine().getErr().println("resuming from " + from.location() + " (step " + from.step() + ")");

        TrainingHistory history;
        try {
            history = from == null ? trainer.fit(plan.train()) : trainer.resume(plan.train(), from.state());
        } catch (TrainingDivergedException e) {
            String kept = output.latestCheckpoint().map(p -> " The last good checkpoint is " + p + ".")
                    .orElse(" No checkpoint was written before it.");
            throw new UserException(e.getMessage() + kept, e);
        }
        output.saveModel(chosen.variant().settings().model(), plan.built().model());
        TrainReport.summary(stdout, history, plan, output, from);
        return 0;
    }

    /** The latest checkpoint in OUT, checked to come from a run with the same settings. */
    private static Checkpoint latestCheckpoint(OutputDirectory output, RunSettings settings) {
        Path latest = output.latestCheckpoint().orElseThrow(() ->
                new UserException("nothing to resume: " + output.checkpoints() + " holds no checkpoint"));
        Checkpoint checkpoint = CheckpointReader.read(latest);
        List<String> differences = settings.differencesFrom(checkpoint.run());
        if (!differences.isEmpty()) {
            throw new UserException("cannot resume " + latest + ": it was written with other settings: " + String.join(", ", differences)
                    + "; resume with the same spec and options, or train into another --out");
        }
        return checkpoint;
    }

    private long seed(TrainSpecSource.Chosen chosen) {
        if (seed != null) return seed;
        if (chosen.seeds().size() > 1) {
            throw new UserException(specFile + " lists " + chosen.seeds().size() + " seeds " + chosen.seeds() + "; gradflow train runs one:"
                    + " choose it with --seed S");
        }
        return chosen.seeds().getFirst();
    }

    private void checkCheckpointOptions() {
        if (checkpointEvery < 1) throw usage("--checkpoint-every must be at least 1, got " + checkpointEvery);
        if (keep < 1) throw usage("--keep must be at least 1, got " + keep);
        if (steps != null && steps < 1) throw usage("--steps must be at least 1, got " + steps);
        if (checkpointEveryEpochs != null) {
            if (given("--checkpoint-every")) throw usage("give --checkpoint-every or --checkpoint-every-epochs, not both");
            if (checkpointEveryEpochs < 1) throw usage("--checkpoint-every-epochs must be at least 1, got " + checkpointEveryEpochs);
        }
    }

    /** Options that belong to the other kind of SPEC are usage errors, as is a model spec without --data. */
    private void checkModeOptions(boolean experiment) {
        List<String> wrong = (experiment ? MODEL_SPEC_OPTIONS : EXPERIMENT_OPTIONS).stream().filter(this::given).toList();
        if (!wrong.isEmpty()) {
            throw usage(specFile + " is " + (experiment ? "an experiment spec: set " + String.join(", ", wrong)
                    + " in it (or with --set training.lr=..., --set data=...)" : "a model spec: " + String.join(", ", wrong)
                    + " apply to experiment specs only"));
        }
        if (!experiment && data == null) throw usage(specFile + " is a model spec: give the data to train on with --data URI|FILE");
        if (!experiment && steps != null && epochs != null) throw usage("give --steps or --epochs, not both");
    }

    private boolean given(String option) {
        ParseResult parsed = spec.commandLine().getParseResult();
        return parsed.hasMatchedOption(option);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
