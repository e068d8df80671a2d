package dev.gradflow.lab;

import dev.gradflow.data.Task;
import dev.gradflow.spec.ModelSpec;
import dev.gradflow.spec.YamlNode;
import java.util.Map;
import java.util.Set;

/**
 * Everything one variant trains with, read from the experiment's sections after the variant's overrides.
 *
 * @param data          what to train (and test) on
 * @param model         the model and its loss
 * @param training      optimizer, budget, batching, regularization
 * @param probeInterval record the gradient-flow probes every this many steps (step 1 always)
 */
public record VariantSettings(DataSpec data, ModelSpec model, TrainingSpec training, int probeInterval) {
    static final int DEFAULT_PROBE_INTERVAL = 10;

    public VariantSettings {
        if (probeInterval < 1) throw new IllegalArgumentException("probes: interval must be >= 1, got " + probeInterval);
    }

    /** Reads the sections of {@code root} (an experiment document with its overrides applied). */
    static VariantSettings parse(YamlNode root) {
        Map<String, YamlNode> e = root.entries();
        if (!e.containsKey("data")) throw root.error("missing key 'data' (a dataset URI, or {train: URI, test: URI})");
        if (!e.containsKey("model")) throw root.error("missing key 'model' (a model spec, or an mlp template)");
        DataSpec data = DataSpec.parse(e.get("data"));
        ModelSpec model = ModelSpec.parse(e.get("model"));
        TrainingSpec training = TrainingSpec.parse(e.containsKey("training") ? e.get("training") : YamlNode.parse("{}", root.source()));
        int interval = DEFAULT_PROBE_INTERVAL;
        if (e.containsKey("probes")) interval = Section.of(e.get("probes"), Set.of("interval")).positiveInt("interval", DEFAULT_PROBE_INTERVAL);
        return new VariantSettings(data, model, training, interval);
    }

    /** Classification (accuracy) for cross-entropy and logistic losses, else regression (R²). */
    public Task task() {
        return switch (model.loss().name()) {
            case "cross_entropy", "bce_with_logits" -> Task.CLASSIFICATION;
            default -> Task.REGRESSION;
        };
    }

    /** These settings with a budget of {@code steps} optimizer steps. */
    public VariantSettings withSteps(long steps) {
        return new VariantSettings(data, model, training.withSteps(steps), probeInterval);
    }
}
