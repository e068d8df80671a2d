package dev.gradflow.lab;

import dev.gradflow.report.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the files of a run directory so a reader never sees half of one: the content goes to a temporary file
 * beside the target, which is then renamed over it (atomically where the file system allows).
 */
final class RunFiles {
    private RunFiles() {}

    /** Writes {@code value} as pretty-printed JSON in {@link Json}'s mapping. */
    static void writeJson(Path target, Object value) {
        try {
            writeText(target, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + target + " as JSON: " + e.getMessage(), e);
        }
    }

    static void writeText(Path target, String text) {
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().threadId() + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // The target is written or the error above says why; a stray temporary file starts with a dot.
            }
        }
    }

    static <T> T readJson(Path file, Class<T> type) throws IOException {
        try {
            return Json.mapper().readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
