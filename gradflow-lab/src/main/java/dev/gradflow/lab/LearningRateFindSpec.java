package dev.gradflow.lab;

import dev.gradflow.diagnostics.LearningRateFinder;
import dev.gradflow.spec.YamlNode;
import java.util.Set;

/**
 * {@code training.lr_find}: run the learning-rate range test ({@link LearningRateFinder}) on the variant's model,
 * optimizer and training batches before training, record its curve in {@code variants/NAME/lr_find.json}, and
 * train at one of its suggestions — {@code use: valley} (default), {@code steepest} or {@code minimum_tenth} — or
 * at {@code training.lr} with {@code use: none}. The test restores the initial weights, so training starts from
 * the same point either way.
 *
 * @param config the range and its length (defaults 1e-7 to 10 over 100 steps, as fastai)
 * @param use    valley, steepest, minimum_tenth or none
 */
public record LearningRateFindSpec(LearningRateFinder.Config config, String use) {
    static final Set<String> USES = Set.of("valley", "steepest", "minimum_tenth", "none");

    static LearningRateFindSpec parse(YamlNode node) {
        Section s = Section.of(node, Set.of("start", "end", "steps", "use"));
        LearningRateFinder.Config d = LearningRateFinder.Config.defaults();
        try {
            return new LearningRateFindSpec(new LearningRateFinder.Config(s.positive("start", d.start()), s.positive("end", d.end()),
                    s.positiveInt("steps", d.steps())), s.choice("use", "valley", USES));
        } catch (IllegalArgumentException e) {
            if (e instanceof dev.gradflow.spec.SpecException) throw e;
            throw node.error(e.getMessage());
        }
    }

    /** The suggestion {@link #use()} names, or NaN for none. */
    double chosen(LearningRateFinder.Result result) {
        return switch (use) {
            case "valley" -> result.valley();
            case "steepest" -> result.steepest();
            case "minimum_tenth" -> result.minimumTenth();
            default -> Double.NaN;
        };
    }
}
