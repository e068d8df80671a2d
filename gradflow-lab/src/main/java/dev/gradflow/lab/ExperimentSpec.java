package dev.gradflow.lab;

import dev.gradflow.spec.SpecException;
import dev.gradflow.spec.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An experiment: base settings, a grid of variants that each change some of them, and the seeds every variant is
 * run with. One YAML file:
 * <pre>
 * name: remedies                    # letters, digits, . _ -; names the default run directory
 * description: what it tests        # optional
 * data: synthetic:linear?n=1000     # a dataset URI, or {train: URI, test: URI} (DataSpec)
 * model:                            # a model spec (ModelSpec): input + layers + loss, or an mlp template + loss
 *   mlp: {input: 10, width: 64, depth: 15, activation: sigmoid}
 *   loss: mse
 * training: {optimizer: sgd, lr: 0.1, steps: 500, batch_size: 64}      # TrainingSpec
 * probes: {interval: 10}            # record the gradient-flow probes every 10 steps (default 10; step 1 always)
 * seeds: [0, 1]                     # default [0]; every variant runs once per seed
 * grid:                             # Grid: named variants with overrides, and products of values
 *   - name: baseline
 *   - name: adam
 *     set: {training.optimizer: adam, training.lr: 0.001}
 * </pre>
 * Without {@code grid}, the experiment has one variant, {@code base}. Unknown keys are errors. Each variant's
 * overrides are applied to the YAML before it is read, and every variant is read here, before anything runs, so a
 * misspelt or ill-typed override fails at once with the file, line and key of the value that caused it.
 *
 * <p>Seeds: a run of seed s draws its weights and dropout masks from {@code new SplittableRandom(s)} and its
 * mini-batch order and validation split from s. With one seed, runs are named as their variants; with several,
 * {@code NAME,seed=S}.
 *
 * @param name        the experiment's name
 * @param description what it tests
 * @param seeds       the seeds, each once
 * @param variants    the grid's variants in order
 * @param axes        the dotted paths the grid's products vary, with their values in order (for heatmaps)
 */
public record ExperimentSpec(String name, String description, List<Long> seeds, List<Variant> variants,
                             Map<String, List<String>> axes) {
    static final Pattern EXPERIMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    static final String SINGLE_VARIANT = "base";
    private static final Set<String> KEYS = Set.of("name", "description", "data", "model", "training", "probes", "seeds", "grid");

    public ExperimentSpec {
        seeds = List.copyOf(seeds);
        variants = List.copyOf(variants);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        axes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        axes = java.util.Collections.unmodifiableMap(copy);
        if (seeds.isEmpty()) throw new IllegalArgumentException("experiment " + name + ": needs at least one seed");
        if (variants.isEmpty()) throw new IllegalArgumentException("experiment " + name + ": needs at least one variant");
    }

    /**
     * One variant of the grid.
     *
     * @param name      its name
     * @param overrides what it changes, dotted path → value as YAML text, in the order written
     * @param settings  its settings after the overrides
     */
    public record Variant(String name, Map<String, String> overrides, VariantSettings settings) {
        public Variant {
            overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        }
    }

    /**
     * One training run: a variant with one seed.
     *
     * @param name     the run's name (its folder under variants/)
     * @param variant  the variant's name
     * @param seed     the seed
     * @param overrides the variant's overrides
     * @param settings the variant's settings
     */
    public record Run(String name, String variant, long seed, Map<String, String> overrides, VariantSettings settings) {}

    /** Reads an experiment file. */
    public static ExperimentSpec load(Path file) {
        return parse(YamlNode.load(file), List.of());
    }

    /** Reads experiment YAML text; {@code source} names it in errors. */
    public static ExperimentSpec parse(String yaml, String source) {
        return parse(YamlNode.parse(yaml, source), List.of());
    }

    /**
     * Reads an experiment; {@code extra} overrides (e.g. from the command line) apply to every variant after its
     * own.
     */
    public static ExperimentSpec parse(YamlNode root, List<SpecOverride> extra) {
        Section s = Section.of(root, KEYS);
        String name = s.at("name").asString();
        if (!EXPERIMENT_NAME.matcher(name).matches()) {
            throw s.at("name").error("an experiment name holds letters, digits, '.', '_' and '-' and starts with a letter or digit, got '" + name + "'");
        }
        String description = s.text("description", "").trim();
        List<Long> seeds = seeds(s);
        Grid.Expansion grid = s.has("grid") ? Grid.parse(s.at("grid"))
                : new Grid.Expansion(List.of(new Grid.Entry(SINGLE_VARIANT, List.of(), root)), Map.of());
        List<Variant> variants = new ArrayList<>();
        for (Grid.Entry entry : grid.entries()) {
            YamlNode document = root;
            Map<String, String> shown = new LinkedHashMap<>();
            for (SpecOverride o : entry.overrides()) {
                document = o.applyTo(document);
                shown.put(o.path(), o.valueText());
            }
            for (SpecOverride o : extra) document = o.applyTo(document);
            variants.add(new Variant(entry.name(), shown, VariantSettings.parse(document)));
        }
        return new ExperimentSpec(name, description, seeds, variants, grid.axes());
    }

    private static List<Long> seeds(Section s) {
        if (!s.has("seeds")) return List.of(0L);
        YamlNode list = s.at("seeds");
        Set<Long> out = new LinkedHashSet<>();
        for (YamlNode item : list.elements()) {
            long seed;
            try {
                seed = Long.parseLong(item.asString().trim());
            } catch (NumberFormatException e) {
                throw item.error("expected an integer seed, got \"" + item.asString() + "\"");
            }
            if (!out.add(seed)) throw item.error("seed " + seed + " is listed twice");
        }
        if (out.isEmpty()) throw list.error("seeds lists no seed; give at least one (e.g. [0])");
        return List.copyOf(out);
    }

    /** Every variant with every seed, variant by variant. */
    public List<Run> runs() {
        List<Run> out = new ArrayList<>();
        for (Variant v : variants) {
            for (long seed : seeds) {
                String runName = seeds.size() == 1 ? v.name() : v.name() + ",seed=" + seed;
                out.add(new Run(runName, v.name(), seed, v.overrides(), v.settings()));
            }
        }
        return out;
    }

    /**
     * This experiment run once per seed of {@code list} instead of its own seeds (the command line's
     * {@code --seeds}).
     *
     * @throws IllegalArgumentException when the list is empty or names a seed twice
     */
    public ExperimentSpec withSeeds(List<Long> list) {
        if (list.isEmpty()) throw new IllegalArgumentException("--seeds lists no seed; give at least one (e.g. 0,1,2)");
        if (new LinkedHashSet<>(list).size() != list.size()) throw new IllegalArgumentException("--seeds " + list + " lists a seed twice");
        return new ExperimentSpec(name, description, list, variants, axes);
    }

    /** This experiment with every variant's budget set to {@code steps} optimizer steps (for quick runs). */
    public ExperimentSpec withSteps(long steps) {
        List<Variant> changed = new ArrayList<>();
        for (Variant v : variants) changed.add(new Variant(v.name(), v.overrides(), v.settings().withSteps(steps)));
        return new ExperimentSpec(name, description, seeds, changed, axes);
    }

    /** Reads a command-line override {@code KEY=VALUE}; the value is YAML ({@code 0.1}, {@code adam}, {@code [1, 2]}). */
    public static SpecOverride commandLineOverride(String assignment) {
        int eq = assignment.indexOf('=');
        String source = "--set " + assignment;
        if (eq <= 0) throw new SpecException(source, 0, 0, "", "expected KEY=VALUE, e.g. training.lr=0.1");
        YamlNode value = YamlNode.parse(assignment.substring(eq + 1).isEmpty() ? "''" : assignment.substring(eq + 1), source);
        return SpecOverride.of(assignment.substring(0, eq).trim(), value, value);
    }
}
