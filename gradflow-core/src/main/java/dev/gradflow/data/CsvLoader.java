package dev.gradflow.data;

import dev.gradflow.tensor.Tensor;
import java.nio.file.Path;

/**
 * Loads a numeric CSV file with a header row (see {@link CsvTable} for the format) as a {@link Dataset}: features
 * [N, F] from the non-target columns in file order, targets [N] (classification) or [N, k] (regression).
 */
public final class CsvLoader {
    /** The largest class index accepted, so that it is exact in float32 (2^24). */
    static final int MAX_CLASS_INDEX = 1 << 24;

    private CsvLoader() {}

    /** The last column as a regression target ({@link CsvOptions#DEFAULT}). */
    public static Dataset load(Path file) {
        return load(file, CsvOptions.DEFAULT);
    }

    public static Dataset load(Path file, CsvOptions options) {
        return toDataset(CsvTable.read(file), options);
    }

    /** Splits an already read table into features and targets. */
    public static Dataset toDataset(CsvTable table, CsvOptions options) {
        int[] targetColumns = options.targets().resolve(table);
        if (options.task() == Task.CLASSIFICATION && targetColumns.length != 1) {
            throw DataFormatException.inFile(table.file(), "classification needs exactly one target column but "
                    + options.targets() + " selects " + targetColumns.length);
        }
        boolean[] isTarget = new boolean[table.columnCount()];
        for (int c : targetColumns) isTarget[c] = true;
        int featureCount = table.columnCount() - targetColumns.length;
        int[] featureColumns = new int[featureCount];
        for (int c = 0, f = 0; c < isTarget.length; c++) {
            if (!isTarget[c]) featureColumns[f++] = c;
        }
        int n = table.rowCount();
        float[] features = new float[n * featureCount];
        float[] targets = new float[n * targetColumns.length];
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < featureCount; f++) features[r * featureCount + f] = table.value(r, featureColumns[f]);
            for (int t = 0; t < targetColumns.length; t++) {
                targets[r * targetColumns.length + t] = table.value(r, targetColumns[t]);
            }
        }
        if (options.task() == Task.CLASSIFICATION) {
            checkClassIndices(table, targetColumns[0]);
            return new Dataset(Tensor.of(features, n, featureCount), Tensor.of(targets, n));
        }
        return new Dataset(Tensor.of(features, n, featureCount), Tensor.of(targets, n, targetColumns.length));
    }

    private static void checkClassIndices(CsvTable table, int column) {
        for (int r = 0; r < table.rowCount(); r++) {
            float value = table.value(r, column);
            if (value < 0 || value != Math.rint(value) || value > MAX_CLASS_INDEX) {
                throw DataFormatException.atCell(table.file(), table.lineOf(r), column + 1, table.columnName(column),
                        value + " is not a class index (a whole number from 0 to " + MAX_CLASS_INDEX + ")");
            }
        }
    }
}
