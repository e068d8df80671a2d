package dev.gradflow.cli.run;

import dev.gradflow.cli.UserException;
import dev.gradflow.lab.BuiltinExperiments;
import dev.gradflow.lab.DistributedRunner;
import dev.gradflow.lab.ExperimentRecipe;
import dev.gradflow.lab.ExperimentRunner;
import dev.gradflow.lab.ExperimentSpec;
import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.SpecOverride;
import dev.gradflow.spec.YamlNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gradflow run}: runs an experiment spec (a file or a built-in) into a run directory. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs every variant of an experiment (a YAML spec file, or a built-in experiment by name) with every seed, "
                    + "in parallel, and writes a run directory: spec.yaml, run.json, summary.json, summary.csv, "
                    + "variants/NAME/{metrics.jsonl,result.json} and report.html.",
            "Prints one row per variant: loss, accuracy (and test accuracy with test data), and the first layer's gradient "
                    + "at the first step and at the end.",
            "Built-in experiments: seed, remedies, depth, exploding, lr, mnist-depth, mnist-mlp, mnist-cnn, fashion-mlp "
                    + "(--list describes them)."
        })
public final class RunCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "An experiment YAML file, or a built-in experiment's name.")
    String experiment;

    @Option(names = "--out", paramLabel = "DIR", description = "The run directory (default: runs/NAME-YYYYMMDD-HHMMSS); must be new or empty.")
    Path out;

    @Option(names = "--parallel", paramLabel = "N", description = "Variants trained at once (default: the number of processors).")
    Integer parallel;

    @Option(names = "--datasets", paramLabel = "DIR", description = "The datasets directory for URIs like mnist: (default: $GRADFLOW_DATASETS, else ./datasets).")
    Path datasets;

    @Option(names = "--steps", paramLabel = "N", description = "Train every variant for N steps instead (quick runs).")
    Long steps;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED", description = "Run every variant once per seed (e.g. --seeds 0,1,2) "
            + "instead of the spec's seeds; with --spark each variant and seed is one task.")
    List<Long> seeds;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting for every variant, e.g. --set training.lr=0.1 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--spark", paramLabel = "MASTER", description = "Run the variants as Spark tasks on MASTER (local[2], spark://host:7077); "
            + "needs the gradflow-spark module (./gradflow picks it when this option is given).")
    String sparkMaster;

    @Option(names = "--list", description = "List the built-in experiments and exit.")
    boolean list;

    @Option(names = "--print-spec", description = "Print the experiment's YAML (e.g. a built-in, to copy and change) and exit.")
    boolean printSpec;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            stdout.print(listing());
            stdout.flush();
            return 0;
        }
        if (experiment == null) throw new ParameterException(spec.commandLine(), "give an experiment spec file or a built-in name (see --list)");
        ExperimentSource source = ExperimentSource.resolve(experiment);
        if (printSpec) {
            stdout.print(source.text());
            stdout.flush();
            return 0;
        }
        int workers = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
        if (workers < 1) throw new ParameterException(spec.commandLine(), "--parallel must be at least 1, got " + workers);
        if (steps != null && steps < 1) throw new ParameterException(spec.commandLine(), "--steps must be at least 1, got " + steps);
        if (datasets != null && !Files.isDirectory(datasets)) throw new UserException("--datasets " + datasets + ": not a directory");

        List<SpecOverride> overrides = new ArrayList<>();
        for (String s : sets) overrides.add(ExperimentSpec.commandLineOverride(s));
        ExperimentSpec experimentSpec = ExperimentSpec.parse(YamlNode.parse(source.text(), source.source()), overrides);
        if (steps != null) experimentSpec = experimentSpec.withSteps(steps);
        if (seeds != null) {
            try {
                experimentSpec = experimentSpec.withSeeds(seeds);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        Path directory = out != null ? out : Path.of("runs", experimentSpec.name() + "-" + LocalDateTime.now().format(STAMP));
        requireNewDirectory(directory);

        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("spec", source.source());
        if (!sets.isEmpty()) provenance.put("overrides", String.join(" ", sets));
        if (steps != null) provenance.put("steps_override", Long.toString(steps));
        if (seeds != null) provenance.put("seeds_override", seeds.toString());
        int runs = experimentSpec.runs().size();
        err.printf("%s: %d variant%s x %d seed%s, %d at a time -> %s%n", experimentSpec.name(), experimentSpec.variants().size(),
                experimentSpec.variants().size() == 1 ? "" : "s", experimentSpec.seeds().size(), experimentSpec.seeds().size() == 1 ? "" : "s",
                Math.min(workers, runs), directory);
        err.flush();
        boolean interactive = System.console() != null && System.console().isTerminal();
        try (ProgressDisplay progress = ProgressDisplay.choose(interactive, System.err, err, experimentSpec.name())) {
            if (sparkMaster != null) {
                DistributedRunner spark = DistributedRunner.named("spark").orElseThrow(() -> new UserException(
                        "--spark: the Spark runner is not on the classpath; run ./gradflow (it adds gradflow-spark when --spark is given)"));
                provenance.put("spark_master", sparkMaster);
                ExperimentRecipe recipe = new ExperimentRecipe(source.text(), source.source(), sets, steps == null ? 0 : steps,
                        seeds == null ? List.of() : seeds);
                RunSummary summary = spark.run(recipe, source.text(), directory, ExperimentRunner.Options.defaults().withDatasetsRoot(datasets)
                        .withProgress(progress).withProvenance(provenance), sparkMaster);
                progress.close();
                printEnd(stdout, err, summary, directory);
                return 0;
            }
            ExperimentRunner runner = new ExperimentRunner(experimentSpec, source.text(), directory,
                    ExperimentRunner.Options.defaults().withParallelism(workers).withDatasetsRoot(datasets).withProgress(progress)
                            .withProvenance(provenance));
            Thread hook = Thread.ofPlatform().unstarted(runner::interrupted);
            Runtime.getRuntime().addShutdownHook(hook);
            RunSummary summary;
            try {
                summary = runner.run();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // The JVM is shutting down; the hook runs.
                }
            }
            progress.close();
            printEnd(stdout, err, summary, directory);
        }
        return 0;
    }

    private static void printEnd(PrintWriter stdout, PrintWriter err, RunSummary summary, Path directory) {
        stdout.println();
        stdout.print(RunTable.of(summary));
        stdout.flush();
        err.println("report: " + directory.resolve("report.html"));
        err.println("run directory: " + directory);
        err.flush();
    }

    /** Fails now, before any training, when the run directory cannot be made or already holds files. */
    private static void requireNewDirectory(Path directory) {
        if (Files.exists(directory)) {
            if (!Files.isDirectory(directory)) throw new UserException("--out " + directory + ": exists and is not a directory");
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) throw new UserException("--out " + directory + ": already exists and is not empty");
            } catch (IOException e) {
                throw new UserException("--out " + directory + ": cannot be read: " + e.getMessage(), e);
            }
        }
        for (Path p = directory.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p) || !Files.isWritable(p)) throw new UserException("--out " + directory + ": cannot create it in " + p);
                return;
            }
        }
    }

    /** The built-in experiments with their descriptions. */
    static String listing() {
        StringBuilder sb = new StringBuilder("Built-in experiments (gradflow run NAME; --print-spec shows the YAML to copy):\n");
        for (String name : BuiltinExperiments.NAMES) {
            ExperimentSpec s = ExperimentSpec.parse(BuiltinExperiments.yaml(name).orElseThrow(), BuiltinExperiments.source(name));
            sb.append(String.format("%n  %-12s %d variant%s x %d seed%s%n", name, s.variants().size(), s.variants().size() == 1 ? "" : "s",
                    s.seeds().size(), s.seeds().size() == 1 ? "" : "s"));
            for (String line : wrap(s.description(), 96)) sb.append("               ").append(line).append('\n');
        }
        return sb.toString();
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() + word.length() + 1 > width && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) line.append(' ');
            line.append(word);
        }
        if (!line.isEmpty()) lines.add(line.toString());
        return lines;
    }
}
