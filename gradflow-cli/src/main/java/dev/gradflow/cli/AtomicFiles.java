package dev.gradflow.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes output files so that a reader never sees half a file: the content goes to a temporary file in the same
 * directory, which is then moved over the target in one step (atomically where the file system allows).
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes the whole content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code content} to {@code target}, creating missing parent directories and replacing an old file. */
    public static void write(Path target, Content content) throws IOException {
        Path temporary = createTemporary(target);
        Path absolute = target.toAbsolutePath();
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Checks now, before long work, that {@code target} can be written later: creates its missing parent
     * directories and a temporary file beside it, then deletes that file.
     *
     * @throws UserException naming the path and the reason when it cannot
     */
    public static void requireWritable(Path target) {
        try {
            Files.delete(createTemporary(target));
        } catch (IOException e) {
            throw new UserException("cannot write " + target + ": " + reason(e), e);
        }
    }

    private static Path createTemporary(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) throw new UserException("cannot write " + target + ": it is a directory");
        Path directory = absolute.getParent();
        for (Path p = directory; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new UserException("cannot write " + target + ": " + p + " is a file, not a directory");
            }
        }
        Files.createDirectories(directory);
        return Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
    }

    private static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException a -> "permission denied (" + a.getFile() + ")";
            case NoSuchFileException n -> "no such file or directory (" + n.getFile() + ")";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
