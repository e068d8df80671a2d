package dev.gradflow.lab;

import dev.gradflow.spec.YamlNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How an experiment was asked for, as plain text, so another machine can rebuild the same {@link ExperimentSpec}:
 * the spec's YAML, where it came from, the command-line overrides ({@code KEY=VALUE}), the step override and the
 * seeds override.
 * Serializable (strings only), for distributed runs.
 *
 * @param yaml   the experiment's YAML text
 * @param source names the YAML in errors (a file name or {@code builtin:NAME})
 * @param sets   {@code --set KEY=VALUE} overrides applied to every variant, in order
 * @param steps  the {@code --steps} override, or 0 to train as the spec says
 * @param seeds  the {@code --seeds} override, or empty for the spec's seeds
 */
public record ExperimentRecipe(String yaml, String source, List<String> sets, long steps, List<Long> seeds) implements Serializable {
    public ExperimentRecipe {
        if (yaml == null) throw new IllegalArgumentException("experiment recipe: the YAML text is missing");
        if (steps < 0) throw new IllegalArgumentException("experiment recipe: steps must be >= 0, got " + steps);
        source = source == null ? "experiment" : source;
        sets = List.copyOf(sets == null ? List.of() : sets);
        seeds = List.copyOf(seeds == null ? List.of() : seeds);
    }

    /** A recipe with the spec's own seeds. */
    public ExperimentRecipe(String yaml, String source, List<String> sets, long steps) {
        this(yaml, source, sets, steps, List.of());
    }

    /** The experiment as written, without overrides. */
    public static ExperimentRecipe of(String yaml, String source) {
        return new ExperimentRecipe(yaml, source, List.of(), 0);
    }

    /** The experiment with its overrides applied; the same recipe gives the same spec on any machine. */
    public ExperimentSpec spec() {
        List<SpecOverride> overrides = new ArrayList<>();
        for (String s : sets) overrides.add(ExperimentSpec.commandLineOverride(s));
        ExperimentSpec spec = ExperimentSpec.parse(YamlNode.parse(yaml, source), overrides);
        if (!seeds.isEmpty()) spec = spec.withSeeds(seeds);
        return steps > 0 ? spec.withSteps(steps) : spec;
    }

    /** This recipe training every variant for {@code count} steps. */
    public ExperimentRecipe withSteps(long count) {
        return new ExperimentRecipe(yaml, source, sets, count, seeds);
    }

    /** This recipe running every variant once per seed of {@code list} instead of the spec's seeds. */
    public ExperimentRecipe withSeeds(List<Long> list) {
        return new ExperimentRecipe(yaml, source, sets, steps, list);
    }
}
