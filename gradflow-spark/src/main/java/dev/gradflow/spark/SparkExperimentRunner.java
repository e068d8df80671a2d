package dev.gradflow.spark;

import dev.gradflow.backend.Parallelism;
import dev.gradflow.data.Dataset;
import dev.gradflow.lab.DetachedRun;
import dev.gradflow.lab.DistributedRunner;
import dev.gradflow.lab.ExperimentRecipe;
import dev.gradflow.lab.ExperimentRunner;
import dev.gradflow.lab.ExperimentSpec;
import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.ShippedDataset;
import dev.gradflow.lab.VariantOutcome;
import dev.gradflow.lab.VariantSummary;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Runs an experiment's runs (variants × seeds) as Spark tasks, one run per task, and writes the same run directory
 * as a local run ({@link ExperimentRunner} does the writing on the driver).
 *
 * <p>The driver parallelizes one {@link Descriptor} per run into an RDD of as many partitions; each task rebuilds
 * the spec from its {@link ExperimentRecipe} and trains its run with {@link DetachedRun} (the local code path) on
 * single-threaded kernels, so its numbers are bit-identical to a local run's, and returns a {@link VariantOutcome}:
 * the summary and the text of {@code metrics.jsonl} (and {@code lr_find.json}). Small file datasets travel with
 * the tasks as a broadcast ({@link DataShipping}); larger ones are read by path, which must then be readable on every
 * executor; synthetic data are generated again in the task. On a cluster the executors get gradflow's classes from the jars the driver ships ({@link ShippedJars}).
 *
 * <p>Failures: a run that diverges or fails in training is summed up as failed by the run itself. A task that
 * throws is retried by Spark up to {@code spark.task.maxFailures} attempts (default 4 on a cluster; in local mode
 * write {@code local[N,F]} for F attempts); its last attempt reports the run as failed with the error instead of
 * throwing, so the other runs complete. Should the job abort all the same (an executor lost for good), every run
 * that did not come back is recorded as failed with Spark's message.
 */
public final class SparkExperimentRunner implements DistributedRunner {
    /**
     * What one task gets: the experiment as text, which run, where datasets live, and the datasets sent along
     * ({@link DataShipping}; null when none is).
     */
    record Descriptor(ExperimentRecipe recipe, int index, String run, String datasetsRoot, int maxAttempts,
                      Broadcast<HashMap<String, ShippedDataset>> shipped) implements Serializable {
        /** The datasets sent along, by URI. */
        Map<String, ShippedDataset> shippedData() {
            return shipped == null ? Map.of() : shipped.value();
        }
    }

    /** What a task does with its descriptor (tests put a failing one in). */
    interface Training extends Serializable {
        VariantOutcome train(Descriptor descriptor);
    }

    /** The real thing: the run trained through the local code path. */
    static final Training DETACHED = d -> DetachedRun.run(d.recipe(), d.index(), d.datasetsRoot(), d.shippedData());

    /** Spark properties set on every run unless the user's {@code spark.*} system properties say otherwise. */
    private static final Map<String, String> DEFAULTS = Map.of(
            "spark.ui.enabled", "false",
            "spark.task.maxFailures", "4");

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public RunSummary run(ExperimentRecipe recipe, String specYaml, Path directory, ExperimentRunner.Options options, String master)
            throws IOException {
        return run(recipe, specYaml, directory, options, master, DETACHED);
    }

    /** {@link #run(ExperimentRecipe, String, Path, ExperimentRunner.Options, String)} with the tasks' training given. */
    RunSummary run(ExperimentRecipe recipe, String specYaml, Path directory, ExperimentRunner.Options options, String master,
                   Training training) throws IOException {
        return run(recipe, specYaml, directory, options, master, training, Map.of());
    }

    /** The same with Spark settings that take precedence over the defaults and the {@code spark.*} system properties. */
    RunSummary run(ExperimentRecipe recipe, String specYaml, Path directory, ExperimentRunner.Options options, String master,
                   Training training, Map<String, String> settings) throws IOException {
        SparkConf conf = configuration(master, recipe.spec().name());
        settings.forEach(conf::set);
        ExperimentRunner runner = new ExperimentRunner(recipe.spec(), specYaml, directory, options);
        // On a cluster the executors need gradflow's classes: ship its jars unless the user names them (spark.jars).
        boolean ship = !isLocal(master) && !conf.contains("spark.jars");
        try (ShippedJars jars = ship ? ShippedJars.prepare() : null) {
            if (jars != null) conf.set("spark.jars", String.join(",", jars.uris()));
            try (JavaSparkContext context = new JavaSparkContext(conf)) {
                return runner.run((runs, datasets, ended) -> execute(context, recipe, options, runs, datasets, ended, training));
            }
        }
    }

    /**
     * The Spark configuration: {@code master}, the app name, and {@link #DEFAULTS} where not set by the user. The
     * executors of a cluster train on the SIMD kernels as a local run does: Spark 4.2 starts them with its module
     * options, which include {@code --add-modules=jdk.incubator.vector}.
     */
    static SparkConf configuration(String master, String experiment) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("gradflow " + experiment);
        DEFAULTS.forEach(conf::setIfMissing);
        return conf;
    }

    /** {@code local}, {@code local[N]}, {@code local[N,F]}: tasks run in this JVM (local-cluster starts executors). */
    private static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    static void execute(JavaSparkContext context, ExperimentRecipe recipe, ExperimentRunner.Options options,
                                List<ExperimentSpec.Run> runs, Map<String, Dataset> datasets, Consumer<VariantOutcome> ended,
                                Training training) {
        int attempts = maxAttempts(context.getConf());
        String root = options.datasetsRoot() == null ? null : options.datasetsRoot().toAbsolutePath().toString();
        HashMap<String, ShippedDataset> sent = new HashMap<>(DataShipping.select(datasets, DataShipping.limit()));
        Broadcast<HashMap<String, ShippedDataset>> shipped = sent.isEmpty() ? null : context.broadcast(sent);
        List<Descriptor> descriptors = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) descriptors.add(new Descriptor(recipe, i, runs.get(i).name(), root, attempts, shipped));
        List<VariantOutcome> outcomes;
        try {
            outcomes = context.parallelize(descriptors, descriptors.size()).map(d -> attempt(d, training)).collect();
        } catch (RuntimeException e) {
            // The job aborted (e.g. executors lost for good): every run is recorded as failed, with Spark's reason.
            String reason = "the Spark job failed: " + (e.getMessage() == null ? e.toString() : firstLine(e.getMessage()));
            for (ExperimentSpec.Run run : runs) ended.accept(VariantOutcome.of(failed(run, reason), Map.of()));
            return;
        } finally {
            if (shipped != null) shipped.destroy(); // the executors' copies are freed with it
        }
        for (VariantOutcome outcome : outcomes) ended.accept(outcome);
    }

    /** One task: trains its run, or — on the last attempt — reports why it could not. */
    static VariantOutcome attempt(Descriptor d, Training training) {
        Parallelism.setThreads(1);
        try {
            return training.train(d);
        } catch (RuntimeException | Error e) {
            TaskContext task = TaskContext.get();
            boolean lastAttempt = task == null || task.attemptNumber() + 1 >= d.maxAttempts();
            if (!lastAttempt) throw e;
            ExperimentSpec.Run run = d.recipe().spec().runs().get(d.index());
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return VariantOutcome.of(failed(run, "failed on Spark after " + d.maxAttempts() + " attempt" + (d.maxAttempts() == 1 ? "" : "s")
                    + ": " + message), Map.of());
        }
    }

    /** Task attempts Spark makes: F of a {@code local[N,F]} master, 1 for other local masters, else spark.task.maxFailures. */
    static int maxAttempts(SparkConf conf) {
        String master = conf.get("spark.master");
        var withFailures = java.util.regex.Pattern.compile("local\\[([0-9]+|\\*)\\s*,\\s*([0-9]+)\\]").matcher(master);
        if (withFailures.matches()) return Integer.parseInt(withFailures.group(2));
        if (isLocal(master)) return 1;
        return conf.getInt("spark.task.maxFailures", 4);
    }

    private static VariantSummary failed(ExperimentSpec.Run run, String error) {
        VariantSummary missing = VariantSummary.missing(run.name(), run.overrides(), run.seed());
        return new VariantSummary(missing.name(), missing.overrides(), "failed", error, 0, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(), Double.NaN, run.seed(),
                Double.NaN, Double.NaN, Double.NaN, null);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
