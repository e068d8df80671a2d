package dev.gradflow.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of one run (layout in {@link RunSummary}): where each lives, how it is written (atomically, see
 * {@link RunFiles}), and how an existing directory is read back — including one whose run was interrupted.
 */
public final class RunDirectory {
    public static final String SPEC_FILE = "spec.yaml";
    public static final String STATE_FILE = "run.json";
    public static final String SUMMARY_FILE = "summary.json";
    public static final String CSV_FILE = "summary.csv";
    public static final String REPORT_FILE = "report.html";
    public static final String VARIANTS_FOLDER = "variants";
    public static final String METRICS_FILE = "metrics.jsonl";
    public static final String RESULT_FILE = "result.json";
    public static final String LR_FIND_FILE = "lr_find.json";

    private final Path root;

    public RunDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path file(String name) {
        return root.resolve(name);
    }

    public Path variant(String name) {
        return root.resolve(VARIANTS_FOLDER).resolve(name);
    }

    public Path metrics(String variant) {
        return variant(variant).resolve(METRICS_FILE);
    }

    public Path result(String variant) {
        return variant(variant).resolve(RESULT_FILE);
    }

    public Path lrFind(String variant) {
        return variant(variant).resolve(LR_FIND_FILE);
    }

    /** Creates the directory of a new run; an existing one must be empty, so no earlier run is mixed in. */
    static RunDirectory create(Path root) throws IOException {
        if (Files.exists(root)) {
            if (!Files.isDirectory(root)) throw new IOException(root + " exists and is not a directory");
            try (Stream<Path> entries = Files.list(root)) {
                if (entries.findAny().isPresent()) throw new IOException(root + " already exists and is not empty; choose another --out");
            }
        }
        Files.createDirectories(root.resolve(VARIANTS_FOLDER));
        return new RunDirectory(root);
    }

    void createVariantFolder(String name) {
        try {
            Files.createDirectories(variant(name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + variant(name) + ": " + e.getMessage(), e);
        }
    }

    void writeSpec(String yaml) {
        RunFiles.writeText(file(SPEC_FILE), yaml);
    }

    void writeState(RunState state) {
        RunFiles.writeJson(file(STATE_FILE), state);
    }

    void writeResult(VariantSummary summary) {
        RunFiles.writeJson(result(summary.name()), summary);
    }

    void writeSummary(RunSummary summary) {
        RunFiles.writeJson(file(SUMMARY_FILE), summary);
        RunFiles.writeText(file(CSV_FILE), SummaryCsv.of(summary));
    }

    public RunState readState() throws IOException {
        return RunFiles.readJson(file(STATE_FILE), RunState.class);
    }

    public RunSummary readSummary() throws IOException {
        return RunFiles.readJson(file(SUMMARY_FILE), RunSummary.class);
    }

    /** The variant's result.json, or empty when it has none (not ended, or interrupted while writing). */
    public Optional<VariantSummary> readResult(String variant) {
        Path file = result(variant);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(RunFiles.readJson(file, VariantSummary.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * What an existing run directory holds.
     *
     * @param summary  the summary assembled from run.json and every result.json (status "complete" only when the
     *                 run said so and every variant has a result)
     * @param missing  variants without a result, in grid order
     * @param running  whether the process named in run.json still runs on this machine
     * @param state    run.json as read
     */
    public record Inspection(RunSummary summary, List<String> missing, boolean running, RunState state) {
        public Inspection {
            missing = List.copyOf(missing);
        }
    }

    /**
     * Reads the directory back: the variants run.json planned, each from its result.json or "missing", with the
     * provenance, description and axes of summary.json when it can be read.
     *
     * @throws IOException when the directory has neither a readable run.json nor a summary.json
     */
    public Inspection inspect() throws IOException {
        if (!Files.isRegularFile(file(STATE_FILE))) {
            if (!Files.isRegularFile(file(SUMMARY_FILE))) {
                throw new IOException(root + " is not a run directory: it has no " + STATE_FILE + " or " + SUMMARY_FILE);
            }
            RunSummary summary = readSummary();
            List<String> missing = new ArrayList<>();
            for (VariantSummary v : summary.variants()) if (!"complete".equals(v.status()) && !"failed".equals(v.status())) missing.add(v.name());
            return new Inspection(summary, missing, false, null);
        }
        RunState state = readState();
        RunSummary previous = null;
        try {
            if (Files.isRegularFile(file(SUMMARY_FILE))) previous = readSummary();
        } catch (IOException e) {
            previous = null;
        }
        List<VariantSummary> variants = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (RunState.Planned p : state.variants()) {
            Optional<VariantSummary> result = readResult(p.name());
            if (result.isPresent()) {
                variants.add(result.get());
            } else {
                variants.add(VariantSummary.missing(p.name(), p.overrides(), p.seed()));
                missing.add(p.name());
            }
        }
        boolean complete = RunState.COMPLETE.equals(state.status()) && missing.isEmpty();
        RunSummary summary = new RunSummary(state.experiment(), previous == null ? "" : previous.description(),
                complete ? RunState.COMPLETE : RunState.INCOMPLETE, variants, previous == null ? Map.of() : previous.provenance(),
                previous == null ? Map.of() : previous.axes());
        return new Inspection(summary, missing, RunState.RUNNING.equals(state.status()) && alive(state), state);
    }

    /**
     * Brings an interrupted run's files up to date: run.json says "incomplete" and summary.json (and .csv) list
     * what ended and what is missing. Does nothing to a run that is still going or that ended normally.
     */
    public Inspection settle() throws IOException {
        Inspection inspection = inspect();
        if (inspection.state() == null || inspection.running() || !RunState.RUNNING.equals(inspection.state().status())) return inspection;
        RunState s = inspection.state();
        writeState(new RunState(s.experiment(), RunState.INCOMPLETE, s.variants(), s.finished(), s.started(), now(), s.pid(), s.host()));
        writeSummary(inspection.summary());
        return inspect();
    }

    /** Whether the run's process is alive on this machine (a run on another machine is taken as stopped). */
    private static boolean alive(RunState state) {
        if (!host().equals(state.host())) return false;
        return ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String now() {
        return java.time.OffsetDateTime.now().withNano(0).toString();
    }

    /** Reads a text file of the run, e.g. the spec copy. */
    public String readText(String name) throws IOException {
        return Files.readString(file(name), StandardCharsets.UTF_8);
    }
}
