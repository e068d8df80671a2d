package dev.gradflow.cli.train;

import dev.gradflow.cli.UserException;
import dev.gradflow.lab.ExperimentSpec;
import dev.gradflow.lab.SpecOverride;
import dev.gradflow.spec.ModelSpec;
import dev.gradflow.spec.SpecException;
import dev.gradflow.spec.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What {@code gradflow train} trains, from its SPEC argument: an experiment spec (the format of {@code gradflow
 * run}: data, model, training, seeds, grid) of which one variant is trained, or a bare model spec (input, layers,
 * loss) whose data and training come from command-line options. Either way the result is one experiment variant,
 * read by {@link ExperimentSpec}, so defaults and checks are those of {@code gradflow run}.
 */
final class TrainSpecSource {
    private TrainSpecSource() {}

    /** The variant to train and the seeds its spec lists. */
    record Chosen(ExperimentSpec.Variant variant, List<Long> seeds) {}

    /** True when {@code root} is an experiment spec (it has a model section) rather than a model spec. */
    static boolean isExperiment(YamlNode root) {
        return root.isMap() && root.entries().containsKey("model");
    }

    /**
     * The variant {@code variantName} (or the only one) of an experiment spec, with {@code sets} (KEY=VALUE) applied
     * to it and the budget replaced by {@code steps} when given.
     */
    static Chosen experiment(YamlNode root, String variantName, List<String> sets, Long steps) {
        List<SpecOverride> overrides = new ArrayList<>();
        for (String s : sets) overrides.add(ExperimentSpec.commandLineOverride(s));
        ExperimentSpec spec = ExperimentSpec.parse(root, overrides);
        if (steps != null) spec = spec.withSteps(steps);
        List<String> names = spec.variants().stream().map(ExperimentSpec.Variant::name).toList();
        if (variantName == null) {
            if (spec.variants().size() > 1) {
                throw new UserException(root.source() + " has a grid of " + names.size() + " variants (" + String.join(", ", names)
                        + "); gradflow train trains one: choose it with --variant NAME, or run them all with gradflow run");
            }
            return new Chosen(spec.variants().getFirst(), spec.seeds());
        }
        for (ExperimentSpec.Variant v : spec.variants()) {
            if (v.name().equals(variantName)) return new Chosen(v, spec.seeds());
        }
        throw new UserException(root.source() + " has no variant '" + variantName + "'; its variants: " + String.join(", ", names));
    }

    /** The training options of a bare model spec, each absent one left to the experiment spec's default. */
    record Options(String data, String optimizer, Double learningRate, Long steps, Long epochs, Integer batch, Double validation,
                   Integer evaluationInterval) {}

    /** The command-line options of a bare model spec by the experiment spec's key each one sets. */
    static final Map<String, String> OPTION_OF_KEY = Map.of("data", "--data", "training.optimizer", "--optimizer", "training.lr", "--lr",
            "training.steps", "--steps", "training.epochs", "--epochs", "training.batch_size", "--batch", "training.validation", "--validation",
            "training.evaluation_interval", "--evaluation-interval");

    /** An option whose value the experiment spec's checks reject. */
    static final class OptionException extends IllegalArgumentException {
        OptionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The one variant of an experiment made of the model spec in {@code specFile} and the options; a CSV file given as
     * data stands as {@code csv:FILE} in the document (the plan reads it as a CSV batch).
     *
     * @throws OptionException naming the option when the experiment spec's checks reject its value
     */
    static Chosen modelSpec(Path specFile, Options o) {
        ModelSpec model = ModelSpec.load(specFile);
        Map<String, Object> training = new LinkedHashMap<>();
        if (o.optimizer() != null) training.put("optimizer", o.optimizer());
        if (o.learningRate() != null) training.put("lr", o.learningRate());
        if (o.steps() != null) training.put("steps", o.steps());
        if (o.epochs() != null) training.put("epochs", o.epochs());
        if (o.batch() != null) training.put("batch_size", o.batch() == 0 ? "full" : o.batch());
        if (o.validation() != null) training.put("validation", o.validation());
        if (o.evaluationInterval() != null) training.put("evaluation_interval", o.evaluationInterval());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", "train");
        document.put("data", o.data().contains(":") ? o.data() : "csv:" + o.data());
        document.put("model", model.toYamlData());
        document.put("training", training);
        DumperOptions style = new DumperOptions();
        style.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String source = "the options of " + specFile;
        try {
            ExperimentSpec spec = ExperimentSpec.parse(new Yaml(style).dump(document), source);
            return new Chosen(spec.variants().getFirst(), spec.seeds());
        } catch (SpecException e) {
            String option = e.path() == null ? null : OPTION_OF_KEY.get(e.path());
            if (!source.equals(e.source()) || option == null) throw e;
            String message = e.getMessage();
            throw new OptionException(option + ": " + message.substring(message.indexOf(e.path() + ": ") + e.path().length() + 2), e);
        }
    }
}
