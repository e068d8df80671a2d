package dev.gradflow.lab;

import dev.gradflow.autograd.GradMode;
import dev.gradflow.backend.Parallelism;
import dev.gradflow.data.Dataset;
import dev.gradflow.data.DatasetSource;
import dev.gradflow.nn.Mode;
import dev.gradflow.report.ReportWriter;
import dev.gradflow.spec.ModelFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every variant of an experiment with every seed and writes the run directory ({@link RunSummary} gives the
 * layout).
 *
 * <p>Before anything is written, the data are loaded (each distinct URI once, shared read-only by the variants)
 * and every run's model is built and given two rows of its data, so a model that does not fit its data fails at
 * once, naming the variant. Then the runs go to {@code parallelism} worker threads in grid order, the kernels'
 * own threads ({@link Parallelism}) shared out among them for the run. Each run is deterministic for its seed
 * whatever the number of workers: it owns its model, optimizer and random generators, and the kernels give the
 * same numbers on any thread and for any thread count. As each run ends, its {@code result.json} is written, then
 * {@code run.json} and {@code summary.json}/{@code summary.csv} are rewritten (atomically), so the directory is
 * readable at any moment. A failed run (diverged, say) is recorded as failed; the others go on. When every run
 * has ended, {@code report.html} is written ({@link ReportWriter}).
 */
public final class ExperimentRunner {
    private final ExperimentSpec spec;
    private final String specYaml;
    private final RunDirectory directory;
    private final Options options;
    private final List<ExperimentSpec.Run> runs;
    private final Map<String, VariantSummary> ended = new LinkedHashMap<>();
    private final List<String> endedOrder = new ArrayList<>();
    private final Map<String, String> provenance = new LinkedHashMap<>();
    private String started;
    private boolean finished;

    /**
     * How to run.
     *
     * @param parallelism  worker threads (variants trained at once), ≥ 1
     * @param datasetsRoot the datasets directory for URIs such as {@code mnist:} (null: {@link DatasetSource#defaultRoot()})
     * @param progress     told of steps and ended variants
     * @param provenance   extra provenance entries (e.g. the command line), recorded in summary.json
     */
    public record Options(int parallelism, Path datasetsRoot, RunProgress progress, Map<String, String> provenance) {
        public Options {
            if (parallelism < 1) throw new IllegalArgumentException("parallel workers must be >= 1, got " + parallelism);
            if (progress == null) progress = RunProgress.NONE;
            provenance = provenance == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        }

        /** One worker per available processor, default datasets, no progress. */
        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), null, RunProgress.NONE, Map.of());
        }

        public Options withParallelism(int value) {
            return new Options(value, datasetsRoot, progress, provenance);
        }

        public Options withDatasetsRoot(Path value) {
            return new Options(parallelism, value, progress, provenance);
        }

        public Options withProgress(RunProgress value) {
            return new Options(parallelism, datasetsRoot, value, provenance);
        }

        public Options withProvenance(Map<String, String> value) {
            return new Options(parallelism, datasetsRoot, progress, value);
        }
    }

    /**
     * A runner for {@code spec} writing to {@code runDirectory} (created; an existing one must be empty).
     *
     * @param specYaml the spec's text, copied to {@code spec.yaml}
     */
    public ExperimentRunner(ExperimentSpec spec, String specYaml, Path runDirectory, Options options) {
        this.spec = spec;
        this.specYaml = specYaml;
        this.directory = new RunDirectory(runDirectory);
        this.options = options;
        this.runs = spec.runs();
    }

    /**
     * Runs the runs somewhere else (a cluster) and hands back each one's outcome as it ends, for
     * {@link #run(Execution)}.
     */
    public interface Execution {
        /**
         * Runs every run (in any order, on any machine) and calls {@code ended} with each outcome, from the calling
         * thread or another (calls are serialized by the runner). A run that could not run at all is reported with
         * {@link VariantOutcome#of} of a failed summary. {@code datasets} are the runs' datasets by URI, as the
         * runner loaded them to check every model against its data (never to be written): an execution may send
         * them along instead of having them loaded again where the runs train.
         */
        void execute(List<ExperimentSpec.Run> runs, Map<String, Dataset> datasets, java.util.function.Consumer<VariantOutcome> ended)
                throws Exception;
    }

    /** Runs the experiment on {@code parallelism} local threads and returns its summary (also in summary.json). */
    public RunSummary run() throws IOException {
        return run(null);
    }

    /**
     * Runs the experiment with {@code execution} (null: local threads) and returns its summary. The data are
     * loaded and every model checked against them here first, and the run directory is written here, the same
     * way whoever trains.
     */
    public RunSummary run(Execution execution) throws IOException {
        Path root = options.datasetsRoot() == null ? DatasetSource.defaultRoot() : options.datasetsRoot();
        LoadedData data = LoadedData.load(runs, root);
        for (ExperimentSpec.Run run : runs) checkFit(run, data.train(run));

        RunDirectory.create(directory.root());
        directory.writeSpec(specYaml);
        synchronized (this) {
            started = RunDirectory.now();
            provenance.putAll(Provenance.of(options.parallelism(), kernelThreads(options.parallelism()), spec.seeds(), root, started));
            provenance.putAll(options.provenance());
            writeProgress(RunState.RUNNING);
        }
        long totalSteps = 0;
        for (ExperimentSpec.Run run : runs) totalSteps += VariantRunner.plannedSteps(run, data.train(run).size());
        options.progress().started(runs.size(), totalSteps);

        if (execution != null) {
            try {
                execution.execute(runs, data.byUri(), this::ended);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted();
                throw new IOException("the run was interrupted; " + directory.root() + " is incomplete", e);
            } catch (IOException | RuntimeException e) {
                interrupted();
                throw e;
            } catch (Exception e) {
                interrupted();
                throw new IOException(e.getMessage(), e);
            }
            return finish();
        }
        ExecutorService workers = Executors.newFixedThreadPool(options.parallelism(), new WorkerThreads());
        int kernelThreadsBefore = Parallelism.threads();
        Parallelism.setThreads(kernelThreads(options.parallelism()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (ExperimentSpec.Run run : runs) {
                futures.add(workers.submit(() -> {
                    VariantSummary summary = new VariantRunner(run, data.train(run), data.test(run), directory, options.progress()).call();
                    ended(summary);
                }));
            }
            for (Future<?> f : futures) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupted();
            throw new IOException("the run was interrupted; " + directory.root() + " is incomplete", e);
        } catch (ExecutionException e) {
            interrupted();
            if (e.getCause() instanceof Error error) throw error;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException(e.getCause());
        } finally {
            workers.shutdownNow();
            Parallelism.setThreads(kernelThreadsBefore);
        }
        return finish();
    }

    /** Marks the run complete and writes the report (unless it was interrupted). */
    private RunSummary finish() throws IOException {
        RunSummary summary;
        synchronized (this) {
            if (finished) return summary(RunState.INCOMPLETE);
            provenance.put("ended", RunDirectory.now());
            finished = true;
            summary = summary(RunState.COMPLETE);
            directory.writeSummary(summary);
            writeState(RunState.COMPLETE);
        }
        try {
            ReportWriter.write(directory.root());
        } catch (IOException | RuntimeException e) {
            throw new IOException("the run is complete, but " + directory.file(RunDirectory.REPORT_FILE) + " could not be written: "
                    + e.getMessage() + " (gradflow report " + directory.root() + " tries again)", e);
        }
        return summary;
    }

    /**
     * Marks the run incomplete (run.json and summary.json) if it has not finished — for a shutdown hook when the
     * user stops the run. Safe to call at any time.
     */
    public synchronized void interrupted() {
        if (finished || started == null) return;
        finished = true;
        provenance.put("ended", RunDirectory.now() + " (interrupted)");
        directory.writeSummary(summary(RunState.INCOMPLETE));
        writeState(RunState.INCOMPLETE);
    }

    public RunDirectory directory() {
        return directory;
    }

    /** A run that ended elsewhere: its files go into its variant folder, then it is recorded as ended. */
    private synchronized void ended(VariantOutcome outcome) {
        if (finished) return;
        if (runs.stream().noneMatch(r -> r.name().equals(outcome.run()))) {
            throw new IllegalArgumentException("an outcome names run '" + outcome.run() + "', which this experiment does not plan");
        }
        directory.createVariantFolder(outcome.run());
        outcome.files().forEach((name, text) -> {
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new IllegalArgumentException("variant " + outcome.run() + ": returned a file named '" + name + "'; expected a plain file name");
            }
            RunFiles.writeText(directory.variant(outcome.run()).resolve(name), text);
        });
        ended(outcome.summary());
    }

    private synchronized void ended(VariantSummary summary) {
        if (finished) return;
        directory.writeResult(summary);
        ended.put(summary.name(), summary);
        endedOrder.add(summary.name());
        writeProgress(RunState.RUNNING);
        options.progress().variantEnded(summary, ended.size(), runs.size());
    }

    private void writeProgress(String status) {
        directory.writeSummary(summary(RunState.INCOMPLETE));
        writeState(status);
    }

    private void writeState(String status) {
        List<RunState.Planned> planned = new ArrayList<>();
        for (ExperimentSpec.Run r : runs) planned.add(new RunState.Planned(r.name(), r.seed(), r.overrides()));
        directory.writeState(new RunState(spec.name(), status, planned, endedOrder, started, RunDirectory.now(),
                ProcessHandle.current().pid(), RunDirectory.host()));
    }

    private RunSummary summary(String status) {
        List<VariantSummary> variants = new ArrayList<>();
        for (ExperimentSpec.Run r : runs) {
            VariantSummary v = ended.get(r.name());
            variants.add(v != null ? v : VariantSummary.missing(r.name(), r.overrides(), r.seed()));
        }
        boolean allEnded = ended.size() == runs.size();
        return new RunSummary(spec.name(), spec.description(), allEnded && status.equals(RunState.COMPLETE) ? RunState.COMPLETE : RunState.INCOMPLETE,
                variants, provenance, spec.axes());
    }

    /**
     * Threads for the kernels of each worker: the processors shared out among the workers (at least 1), so that
     * variants trained side by side do not compete for cores. The kernels give the same numbers for any count.
     */
    static int kernelThreads(int parallelism) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / parallelism);
    }

    /** Builds the run's model and gives it two rows of its data, so a mismatch fails before any training. */
    private static void checkFit(ExperimentSpec.Run run, Dataset train) {
        try {
            ModelFactory.Built built = ModelFactory.build(run.settings().model(), new SplittableRandom(run.seed()));
            built.model().setMode(Mode.EVALUATION);
            Dataset rows = train.slice(0, Math.min(2, train.size()));
            try (var _ = GradMode.noGrad()) {
                built.loss().compute(built.model().forward(rows.features()), rows.targets());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("variant " + run.name() + ": the model does not fit the data "
                    + run.settings().data().train() + ": " + e.getMessage(), e);
        }
    }

    /** Names the worker threads, so a thread dump shows what they are. */
    private static final class WorkerThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            return Thread.ofPlatform().name("gradflow-variant-" + count.incrementAndGet()).unstarted(task);
        }
    }
}
