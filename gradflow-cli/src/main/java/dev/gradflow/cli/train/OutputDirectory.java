package dev.gradflow.cli.train;

import dev.gradflow.checkpoint.CheckpointStore;
import dev.gradflow.cli.UserException;
import dev.gradflow.modelio.SavedModel;
import dev.gradflow.nn.Module;
import dev.gradflow.spec.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The {@code --out} directory of {@code gradflow train}:
 * <pre>
 *   OUT/checkpoints/step-000000100/   checkpoints (see dev.gradflow.checkpoint), the last --keep of them
 *   OUT/model/                        the final model: model.yaml + weights.safetensors (a saved model)
 * </pre>
 * The final model appears whole or not at all: it is saved into a hidden sibling directory that is then renamed.
 */
final class OutputDirectory {
    static final String CHECKPOINTS = "checkpoints";
    static final String MODEL = "model";

    private final Path root;

    OutputDirectory(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path checkpoints() {
        return root.resolve(CHECKPOINTS);
    }

    Path model() {
        return root.resolve(MODEL);
    }

    Optional<Path> latestCheckpoint() {
        return CheckpointStore.latest(checkpoints());
    }

    /** For a new run: fails unless OUT is usable and holds no earlier run's checkpoints or model. */
    void requireFresh() {
        requireDirectoryOrAbsent();
        if (latestCheckpoint().isPresent() || Files.exists(model())) {
            throw new UserException(root + " already holds a training run (" + (latestCheckpoint().isPresent() ? checkpoints() : model())
                    + "); pass --resume to continue it, or choose another --out");
        }
    }

    /** Fails unless OUT is a directory or absent, and can be created and written. */
    void requireDirectoryOrAbsent() {
        if (Files.exists(root) && !Files.isDirectory(root)) throw new UserException("--out " + root + " is a file, not a directory");
        try {
            Files.createDirectories(root);
            Files.delete(Files.createTempFile(root, ".write-check", ".tmp"));
        } catch (IOException e) {
            throw new UserException("cannot write to --out " + root + ": " + e, e);
        }
    }

    /** Saves the model as OUT/model, replacing an older one only once the new one is complete. */
    void saveModel(ModelSpec spec, Module model) {
        Path target = model();
        Path temporary = root.resolve("." + MODEL + ".tmp-" + UUID.randomUUID());
        try {
            SavedModel.save(temporary, spec, model);
            if (Files.exists(target)) {
                Path old = root.resolve("." + MODEL + ".old-" + UUID.randomUUID());
                move(target, old);
                move(temporary, target);
                deleteTree(old);
            } else {
                move(temporary, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                deleteTree(temporary);
            } catch (IOException e) {
                // A hidden leftover; the model itself is in place or the error above says why not.
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
