package dev.gradflow.modelio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that a crash never leaves it half-written: the content goes to a new temporary file in the same
 * directory (so the final rename stays on one file system), which is flushed to the device ({@code fsync}) and then
 * renamed over the target in one atomic step; the directory is flushed too where the platform allows it. Readers
 * see the old file or the new one, never a mixture; on failure the temporary file is removed.
 */
final class AtomicFiles {

    /** Writes the content to an open channel. */
    @FunctionalInterface
    interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {}

    /** Replaces {@code target} (creating its parent directories) with what {@code content} writes. */
    static void write(Path target, Content content) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = directory.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            Files.createDirectories(directory);
            // CREATE_NEW with the default permissions (Files.createTempFile would make the final file owner-only).
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            syncDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (!moved) deleteQuietly(temporary);
        }
    }

    /** Makes the rename durable on POSIX systems; other platforms cannot open a directory and need not. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The file itself is complete and in place; only the durability of the rename is left to the OS.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Nothing more can be done; the temporary file's name starts with a dot and ends in .tmp.
        }
    }
}
