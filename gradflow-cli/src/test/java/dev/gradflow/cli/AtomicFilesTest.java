package dev.gradflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesCreatesParentsAndReplacesLeavingNoTemporaryFile() throws IOException {
        Path target = dir.resolve("a/b/out.json");
        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second");
        assertEquals("second", Files.readString(target));
        assertEquals(List.of("out.json"), names(target.getParent()));
    }

    @Test
    void aFailingWriterLeavesTheOldFileWhole() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicFiles.writeString(target, "complete");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("complete", Files.readString(target));
        assertEquals(List.of("out.txt"), names(dir));
    }

    @Test
    void aDirectoryTargetIsAUserError() {
        UserException e = assertThrows(UserException.class, () -> AtomicFiles.writeString(dir, "x"));
        assertEquals("cannot write " + dir + ": it is a directory", e.getMessage());
    }

    @Test
    void requireWritableCreatesTheDirectoriesAndLeavesNoFile() throws IOException {
        Path target = dir.resolve("runs/one/result.json");
        AtomicFiles.requireWritable(target);
        assertEquals(List.of(), names(target.getParent()));
        UserException e = assertThrows(UserException.class, () -> AtomicFiles.requireWritable(dir));
        assertEquals("cannot write " + dir + ": it is a directory", e.getMessage());
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
