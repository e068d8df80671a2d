package dev.gradflow.checkpoint;

import dev.gradflow.train.CheckpointSink;
import dev.gradflow.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory of checkpoints, one subdirectory per checkpoint named by its step ({@code step-000000120}), of which
 * the last {@code keepLast} are kept. It is the {@link CheckpointSink} a {@code Trainer} writes to, and tells a
 * resuming run which checkpoint is the latest.
 *
 * <p>Each checkpoint is written by {@link CheckpointWriter} (complete or absent); an older one is removed only after
 * the new one is in place, by renaming it to a hidden name first, so the directory always holds the latest complete
 * checkpoint. Hidden leftovers of an interrupted write or removal ({@code .step-….tmp-…}, {@code .step-….deleting-…})
 * are ignored and cleared when the store is opened. One run writes to a store at a time.
 */
public final class CheckpointStore implements CheckpointSink {
    private static final Pattern NAME = Pattern.compile("step-(\\d{1,18})");
    private static final Pattern LEFTOVER = Pattern.compile("\\.step-\\d{1,18}\\.(tmp|deleting)-[0-9a-f-]{36}");

    private final Path directory;
    private final int keepLast;
    private final Map<String, String> run;

    /**
     * @param directory where the checkpoints go (created when missing)
     * @param keepLast  how many of the newest checkpoints to keep, at least 1
     * @param run       what to record about the run in every checkpoint (see {@link Checkpoint#run()})
     */
    public CheckpointStore(Path directory, int keepLast, Map<String, String> run) {
        if (directory == null || run == null) throw new IllegalArgumentException("checkpoint store: directory and run must be given");
        if (keepLast < 1) throw new IllegalArgumentException("checkpoint store: must keep at least 1 checkpoint, got " + keepLast);
        this.directory = directory;
        this.keepLast = keepLast;
        this.run = Collections.unmodifiableMap(new LinkedHashMap<>(run));
        clearLeftovers();
    }

    public Path directory() {
        return directory;
    }

    /** The directory name of the checkpoint after {@code step} steps. */
    public static String name(long step) {
        return String.format(Locale.ROOT, "step-%09d", step);
    }

    /** Writes the checkpoint, then removes the oldest beyond {@code keepLast}. */
    @Override
    public void write(TrainingState state) {
        CheckpointWriter.write(directory.resolve(name(state.position().step())), state, run);
        List<Path> all = checkpoints(directory);
        for (Path old : all.subList(0, Math.max(0, all.size() - keepLast))) remove(old);
    }

    /** The complete checkpoints in {@code directory}, oldest (fewest steps) first; empty when it does not exist. */
    public static List<Path> checkpoints(Path directory) {
        if (!Files.isDirectory(directory)) return List.of();
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path p : entries) {
                if (NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p)) out.add(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + directory + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingLong(CheckpointStore::step));
        return out;
    }

    /** The newest complete checkpoint in {@code directory}, if any. */
    public static Optional<Path> latest(Path directory) {
        List<Path> all = checkpoints(directory);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /** The step a checkpoint directory's name gives. */
    static long step(Path checkpoint) {
        Matcher m = NAME.matcher(checkpoint.getFileName().toString());
        if (!m.matches()) throw new IllegalArgumentException("not a checkpoint directory name: " + checkpoint.getFileName());
        return Long.parseLong(m.group(1));
    }

    private void remove(Path checkpoint) {
        Path hidden = directory.resolve("." + checkpoint.getFileName() + ".deleting-" + UUID.randomUUID());
        try {
            DurableFiles.renameAtomically(checkpoint, hidden);
            DurableFiles.deleteTree(hidden);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove old checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    private void clearLeftovers() {
        if (!Files.isDirectory(directory)) return;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path p : entries) {
                if (LEFTOVER.matcher(p.getFileName().toString()).matches()) DurableFiles.deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear unfinished checkpoints in " + directory + ": " + e.getMessage(), e);
        }
    }
}
