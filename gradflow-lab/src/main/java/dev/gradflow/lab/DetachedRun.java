package dev.gradflow.lab;

import dev.gradflow.data.DatasetSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs one run of an experiment away from its run directory — in a task on another machine, say — through the same
 * code as a local run ({@link VariantRunner}), and returns what it wrote as a {@link VariantOutcome}.
 *
 * <p>The spec is rebuilt from its {@link ExperimentRecipe}, so the run trains exactly as it would locally: same
 * settings, seed, data and kernels give the same numbers, bit for bit. Its data come with it ({@link ShippedDataset}s,
 * by URI) or are loaded here from their URIs: a synthetic URI is generated again, a file URI is read by path (so
 * that path must be readable where this runs).
 * The files go to a temporary folder, which is read back and deleted.
 */
public final class DetachedRun {
    private DetachedRun() {}

    /**
     * Runs run {@code index} of the recipe's spec ({@link ExperimentSpec#runs()} order).
     *
     * @param datasetsRoot the datasets directory for URIs such as {@code mnist:}, or null for the default
     */
    public static VariantOutcome run(ExperimentRecipe recipe, int index, String datasetsRoot) {
        return run(recipe, index, datasetsRoot, Map.of());
    }

    /**
     * The same with some datasets already loaded: a URI in {@code shipped} is taken from there instead of being
     * read or generated again.
     */
    public static VariantOutcome run(ExperimentRecipe recipe, int index, String datasetsRoot, Map<String, ShippedDataset> shipped) {
        List<ExperimentSpec.Run> runs = recipe.spec().runs();
        if (index < 0 || index >= runs.size()) {
            throw new IllegalArgumentException("experiment " + recipe.source() + ": run " + index + " does not exist (it has " + runs.size() + ")");
        }
        ExperimentSpec.Run run = runs.get(index);
        Path root = datasetsRoot == null ? DatasetSource.defaultRoot() : Path.of(datasetsRoot);
        LoadedData data = LoadedData.load(List.of(run), root, shipped);
        Path folder = null;
        try {
            folder = Files.createTempDirectory("gradflow-run-");
            RunDirectory directory = new RunDirectory(folder);
            VariantSummary summary = new VariantRunner(run, data.train(run), data.test(run), directory, RunProgress.NONE).call();
            return VariantOutcome.of(summary, files(directory.variant(run.name())));
        } catch (IOException e) {
            throw new UncheckedIOException("variant " + run.name() + ": cannot use a temporary folder: " + e.getMessage(), e);
        } finally {
            if (folder != null) delete(folder);
        }
    }

    /** The regular files of a variant folder, by name (none when the run failed before creating it). */
    private static Map<String, String> files(Path variantFolder) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isDirectory(variantFolder)) return out;
        try (Stream<Path> entries = Files.list(variantFolder)) {
            for (Path file : entries.filter(Files::isRegularFile).sorted().toList()) {
                out.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void delete(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover temporary folder is harmless; the outcome is complete either way.
        }
    }
}
