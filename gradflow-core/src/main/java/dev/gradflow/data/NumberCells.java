package dev.gradflow.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strict parsing of a numeric cell: a plain decimal such as {@code 5}, {@code -0.25}, {@code .5} or
 * {@code 1.51e+02}. Empty cells, NaN, infinities, hexadecimal and Java suffixes ({@code 1f}) are rejected, as are
 * values beyond the float32 range, each with the cell's position.
 */
final class NumberCells {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(?:nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private NumberCells() {}

    /** The cell as a float, or a {@link DataFormatException} naming file, row and column. */
    static float parse(String text, Path file, int row, int column, String columnName) {
        if (text.isEmpty()) {
            throw DataFormatException.atCell(file, row, column, columnName, "empty cell (missing values are not supported)");
        }
        if (NOT_FINITE.matcher(text).matches()) {
            throw DataFormatException.atCell(file, row, column, columnName,
                    "\"" + text + "\" is not allowed: values must be finite numbers");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw DataFormatException.atCell(file, row, column, columnName, "\"" + text + "\" is not a number");
        }
        float value = (float) Double.parseDouble(text);
        if (Float.isInfinite(value)) {
            throw DataFormatException.atCell(file, row, column, columnName,
                    "\"" + text + "\" is outside the float32 range (±" + String.format(Locale.ROOT, "%.3g", Float.MAX_VALUE) + ")");
        }
        return value;
    }
}
