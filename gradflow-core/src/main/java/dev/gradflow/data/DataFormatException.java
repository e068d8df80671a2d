package dev.gradflow.data;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Bad input data: a file that is missing, unreadable, corrupt or malformed. The message names the file and, where
 * known, the row and column, e.g. {@code iris.csv: row 12, column 1 "sepal_length": "abc" is not a number}.
 *
 * <p>Rows are the file's line numbers counted from 1 (the header is row 1), as an editor shows them; columns are
 * counted from 1 and carry the header name when there is one. Every loader in this package reports malformed user
 * input with this exception and nothing else, so a caller can catch one type.
 */
public final class DataFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final transient Path file;
    private final int row;
    private final int column;
    private final String columnName;
    private final String problem;

    private DataFormatException(String source, Path file, int row, int column, String columnName, String problem,
            Throwable cause) {
        super(format(source, row, column, columnName, problem), cause);
        this.source = source;
        this.file = file;
        this.row = row;
        this.column = column;
        this.columnName = columnName;
        this.problem = problem;
    }

    /** A problem with {@code file} as a whole (missing, unreadable, wrong magic number, checksum mismatch, ...). */
    public static DataFormatException inFile(Path file, String problem) {
        return new DataFormatException(file.toString(), file, 0, 0, null, problem, null);
    }

    /** As {@link #inFile(Path, String)}, keeping the I/O error that caused it. */
    public static DataFormatException inFile(Path file, String problem, Throwable cause) {
        return new DataFormatException(file.toString(), file, 0, 0, null, problem, cause);
    }

    /** A problem on one row (1-based line number) of {@code file}. */
    public static DataFormatException atRow(Path file, int row, String problem) {
        return new DataFormatException(file.toString(), file, row, 0, null, problem, null);
    }

    /** A problem in one cell: row (1-based line), column (1-based) and its header name (or null). */
    public static DataFormatException atCell(Path file, int row, int column, String columnName, String problem) {
        return new DataFormatException(file.toString(), file, row, column, columnName, problem, null);
    }

    /** The file as the caller named it. */
    public String source() {
        return source;
    }

    /** The file, when the error came from a {@link Path}. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The 1-based row (line number), when the problem is on one row. */
    public OptionalInt row() {
        return row > 0 ? OptionalInt.of(row) : OptionalInt.empty();
    }

    /** The 1-based column, when the problem is in one cell. */
    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }

    /** The header name of the column, when there is one. */
    public Optional<String> columnName() {
        return Optional.ofNullable(columnName);
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }

    private static String format(String source, int row, int column, String columnName, String problem) {
        StringBuilder message = new StringBuilder(source);
        if (row > 0) message.append(": row ").append(row);
        if (column > 0) {
            message.append(row > 0 ? ", " : ": ").append("column ").append(column);
            if (columnName != null) message.append(" \"").append(columnName).append('"');
        }
        return message.append(": ").append(problem).toString();
    }
}
