package dev.gradflow.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens data files (gzip detected by its magic bytes, whatever the name) and turns I/O errors into messages. */
final class DataFiles {
    private static final int BUFFER_SIZE = 1 << 16;

    private DataFiles() {}

    /** A buffered stream over the file's content, decompressed when the file starts with the gzip magic 1f 8b. */
    static InputStream open(Path file) {
        requireRegularFile(file);
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE);
            raw.mark(2);
            int first = raw.read();
            int second = raw.read();
            raw.reset();
            if (first == 0x1f && second == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(raw, BUFFER_SIZE), BUFFER_SIZE);
            }
            return raw;
        } catch (IOException e) {
            throw readError(file, e);
        }
    }

    /** Fails unless {@code file} exists, is a regular file and is readable. */
    static void requireRegularFile(Path file) {
        if (Files.isDirectory(file)) throw DataFormatException.inFile(file, "is a directory, expected a file");
        if (!Files.exists(file)) throw DataFormatException.inFile(file, "the file does not exist");
        if (!Files.isReadable(file)) throw DataFormatException.inFile(file, "the file cannot be read (permission denied)");
    }

    /** Fails unless {@code directory} exists and is a directory. */
    static void requireDirectory(Path directory) {
        if (!Files.exists(directory)) throw DataFormatException.inFile(directory, "the directory does not exist");
        if (!Files.isDirectory(directory)) throw DataFormatException.inFile(directory, "is not a directory");
    }

    /** The message for an I/O error met while reading {@code file}. */
    static DataFormatException readError(Path file, IOException e) {
        return switch (e) {
            case NoSuchFileException missing -> DataFormatException.inFile(file, "the file does not exist", e);
            case AccessDeniedException denied -> DataFormatException.inFile(file, "the file cannot be read (permission denied)", e);
            case EOFException eof -> DataFormatException.inFile(file, "the compressed data ends early (truncated gzip file)", e);
            case ZipException zip -> DataFormatException.inFile(file, "corrupt gzip data (" + zip.getMessage() + ")", e);
            default -> DataFormatException.inFile(file, "the file cannot be read (" + e + ")", e);
        };
    }
}
