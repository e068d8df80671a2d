package dev.gradflow.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A numeric CSV file read into memory: the header's column names and the values, row-major.
 *
 * <p>Format: the first line is a header naming every column (names must be distinct and non-empty); every further
 * line holds one number per column (see {@link NumberCells} for what counts as a number). A row with a different
 * number of cells than the header, an empty cell, NaN or an infinity is rejected with its row and column. The file may
 * be gzip-compressed (detected from its content).
 *
 * @param file        the file read
 * @param columnNames one name per column, or an empty list when the file had no header
 * @param columnCount number of columns
 * @param rowCount    number of data rows
 * @param values      rowCount × columnCount values, row-major (not copied)
 * @param firstRow    the line number of data row 0, for error messages (data row r is on line firstRow + r)
 */
public record CsvTable(Path file, List<String> columnNames, int columnCount, int rowCount, float[] values, int firstRow) {
    public CsvTable {
        columnNames = List.copyOf(columnNames);
        if (!columnNames.isEmpty() && columnNames.size() != columnCount) {
            throw new IllegalArgumentException("csv table: " + columnNames.size() + " names for " + columnCount + " columns");
        }
        if (values.length != rowCount * columnCount) {
            throw new IllegalArgumentException("csv table: " + values.length + " values for " + rowCount + " × " + columnCount);
        }
    }

    /** Reads a CSV file whose first line is a header of column names. */
    public static CsvTable read(Path file) {
        try (CsvLines lines = CsvLines.open(file)) {
            String[] header = lines.next();
            if (header == null) throw DataFormatException.inFile(file, "the file is empty (expected a header row of column names)");
            Set<String> seen = new HashSet<>();
            for (int c = 0; c < header.length; c++) {
                if (header[c].isEmpty()) {
                    throw DataFormatException.atCell(file, lines.lineNumber(), c + 1, null, "the header has an empty column name");
                }
                if (!seen.add(header[c])) {
                    throw DataFormatException.atCell(file, lines.lineNumber(), c + 1, header[c], "duplicate column name in the header");
                }
            }
            return readRows(lines, file, List.of(header), header.length, "as in the header");
        }
    }

    /**
     * Reads the remaining lines as numeric rows of {@code columnCount} cells each.
     *
     * @param expectation how the expected column count is explained in messages (e.g. "as in the header")
     */
    static CsvTable readRows(CsvLines lines, Path file, List<String> columnNames, int columnCount, String expectation) {
        float[] values = new float[Math.max(16, columnCount * 64)];
        int rows = 0;
        int firstRow = -1;
        for (String[] cells; (cells = lines.next()) != null; ) {
            int row = lines.lineNumber();
            if (firstRow < 0) firstRow = row;
            if (cells.length != columnCount) {
                throw DataFormatException.atRow(file, row, "has " + cells.length + " columns, expected " + columnCount + " " + expectation);
            }
            if ((long) (rows + 1) * columnCount > values.length) {
                if ((long) values.length * 2 > Integer.MAX_VALUE - 8) {
                    throw DataFormatException.atRow(file, row, "too many values for one float array");
                }
                values = Arrays.copyOf(values, values.length * 2);
            }
            int offset = rows * columnCount;
            for (int c = 0; c < columnCount; c++) {
                String name = columnNames.isEmpty() ? null : columnNames.get(c);
                values[offset + c] = NumberCells.parse(cells[c], file, row, c + 1, name);
            }
            rows++;
        }
        if (rows == 0) throw DataFormatException.inFile(file, "no data rows after the header");
        return new CsvTable(file, columnNames, columnCount, rows, Arrays.copyOf(values, rows * columnCount), firstRow);
    }

    /** The value at data row {@code row} (0-based) and column {@code column} (0-based). */
    public float value(int row, int column) {
        return values[row * columnCount + column];
    }

    /** The header name of column {@code column} (0-based), or null when the file had no header. */
    public String columnName(int column) {
        return columnNames.isEmpty() ? null : columnNames.get(column);
    }

    /** The 0-based index of the column named {@code name}, or a {@link DataFormatException} listing the names. */
    public int columnIndex(String name) {
        int index = columnNames.indexOf(name);
        if (index < 0) {
            throw DataFormatException.inFile(file, "no column named \"" + name + "\"; the columns are " + columnNames);
        }
        return index;
    }

    /** The line number of data row {@code row} (0-based), for messages. */
    public int lineOf(int row) {
        return firstRow + row;
    }
}
