package dev.gradflow.data;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Test resources under {@code src/test/resources/data} and small files written into a temporary directory. */
final class TestFiles {
    private TestFiles() {}

    /** A file or directory under the test resources' {@code data/} folder. */
    static Path resource(String relative) {
        URL url = TestFiles.class.getResource("/data/" + relative);
        if (url == null) throw new IllegalStateException("missing test resource data/" + relative);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path directory, String name, String text) {
        return write(directory, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path directory, String name, byte[] bytes) {
        try {
            return Files.write(directory.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        try (var buffer = new java.io.ByteArrayOutputStream(); OutputStream gz = new GZIPOutputStream(buffer)) {
            gz.write(bytes);
            gz.close();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gunzip(Path file) {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
