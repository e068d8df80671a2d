package dev.gradflow.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a comma-separated file split into cells, with their line numbers. Cells are trimmed; a cell may be
 * quoted ({@code "a, b"}, with {@code ""} for a quote inside). A UTF-8 byte-order mark is ignored, as are blank lines
 * at the end of the file; a blank line followed by more data is an error. Quoted line breaks are not supported.
 */
final class CsvLines implements AutoCloseable {
    private final Path file;
    private final BufferedReader reader;
    private int lineNumber;

    private CsvLines(Path file, BufferedReader reader) {
        this.file = file;
        this.reader = reader;
    }

    /** Opens {@code file} (gzip detected from its content). */
    static CsvLines open(Path file) {
        return new CsvLines(file, new BufferedReader(new InputStreamReader(DataFiles.open(file), StandardCharsets.UTF_8)));
    }

    /** The line number (1-based) of the line last returned by {@link #next()}. */
    int lineNumber() {
        return lineNumber;
    }

    /** The cells of the next line, or null at the end of the file. */
    String[] next() {
        String line = readLine();
        if (line == null) return null;
        if (lineNumber == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
        if (line.isBlank()) {
            int blankLine = lineNumber;
            String more;
            do {
                more = readLine();
            } while (more != null && more.isBlank());
            if (more == null) return null;
            throw DataFormatException.atRow(file, blankLine, "empty line before more data (row " + lineNumber + ")");
        }
        return split(line);
    }

    private String readLine() {
        try {
            String line = reader.readLine();
            if (line != null) lineNumber++;
            return line;
        } catch (IOException e) {
            throw DataFiles.readError(file, e);
        } catch (UncheckedIOException e) {
            throw DataFiles.readError(file, e.getCause());
        }
    }

    private String[] split(String line) {
        List<String> cells = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && isBlank(line.charAt(i))) i++;
            StringBuilder cell = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                int quoteStart = i++;
                while (true) {
                    if (i >= n) {
                        throw DataFormatException.atCell(file, lineNumber, cells.size() + 1, null,
                                "unterminated quote (opened at character " + (quoteStart + 1) + ")");
                    }
                    char c = line.charAt(i++);
                    if (c == '"' && i < n && line.charAt(i) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        break;
                    } else {
                        cell.append(c);
                    }
                }
                while (i < n && isBlank(line.charAt(i))) i++;
                if (i < n && line.charAt(i) != ',') {
                    throw DataFormatException.atCell(file, lineNumber, cells.size() + 1, null,
                            "unexpected text after the closing quote");
                }
                cells.add(cell.toString());
            } else {
                int end = line.indexOf(',', i);
                if (end < 0) end = n;
                cells.add(line.substring(i, end).strip());
                i = end;
            }
            if (i >= n) break;
            i++; // the comma
            if (i >= n) {
                cells.add("");
                break;
            }
        }
        return cells.toArray(String[]::new);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw DataFiles.readError(file, e);
        }
    }
}
