package dev.gradflow.lab;

import dev.gradflow.spec.YamlNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How an experiment was asked for, as plain text, so another machine can rebuild the same {@link ExperimentSpec}:
 * the spec's YAML, where it came from, the command-line overrides ({@code KEY=VALUE}) and the step override.
 * Serializable (strings only), for distributed runs.
 *
 * @param yaml   the experiment's YAML text
 * @param source names the YAML in errors (a file name or {@code builtin:NAME})
 * @param sets   {@code --set KEY=VALUE} overrides applied to every variant, in order
 * @param steps  the {@code --steps} override, or 0 to train as the spec says
 */
public record ExperimentRecipe(String yaml, String source, List<String> sets, long steps) implements Serializable {
    public ExperimentRecipe {
        if (yaml == null) throw new IllegalArgumentException("experiment recipe: the YAML text is missing");
        if (steps < 0) throw new IllegalArgumentException("experiment recipe: steps must be >= 0, got " + steps);
        source = source == null ? "experiment" : source;
        sets = List.copyOf(sets == null ? List.of() : sets);
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
        return steps > 0 ? spec.withSteps(steps) : spec;
    }

    /** This recipe training every variant for {@code count} steps. */
    public ExperimentRecipe withSteps(long count) {
        return new ExperimentRecipe(yaml, source, sets, count);
    }
}
