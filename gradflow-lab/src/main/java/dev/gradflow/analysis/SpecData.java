package dev.gradflow.analysis;

import dev.gradflow.data.CsvLoader;
import dev.gradflow.data.CsvOptions;
import dev.gradflow.data.CsvTable;
import dev.gradflow.data.DataFormatException;
import dev.gradflow.data.Dataset;
import dev.gradflow.data.TargetColumns;
import dev.gradflow.data.Task;
import dev.gradflow.spec.ModelSpec;
import dev.gradflow.tensor.Tensor;
import java.nio.file.Path;

/**
 * Data shaped for a model spec. A CSV batch has a header row: the spec's input size (the product of
 * {@code input}) says how many leading columns are features, the remaining columns are targets — one column of
 * class indices for cross_entropy, else as many as the model has outputs. A dataset URI (see
 * {@code dev.gradflow.data.DatasetSource}) is loaded as it describes. Either way image inputs are reshaped to
 * [N, channels, height, width].
 */
public final class SpecData {
    private SpecData() {}

    /** A dataset URI ({@code mnist:DIR}, {@code synthetic:linear?n=1000}, …) or the path of a CSV batch file. */
    public static Dataset load(String uriOrPath, ModelSpec spec) {
        if (isFile(uriOrPath)) return readCsv(Path.of(uriOrPath), spec);
        return fit(dev.gradflow.data.DatasetSource.parse(uriOrPath).load(), spec);
    }

    private static boolean isFile(String text) {
        try {
            return java.nio.file.Files.isRegularFile(Path.of(text));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** {@code data} with its features reshaped to [N, input…] of the spec, or an error naming both shapes. */
    public static Dataset fit(Dataset data, ModelSpec spec) {
        int features = 1;
        for (int d : spec.input()) features *= d;
        int perRow = data.features().size() / Math.max(1, data.size());
        if (perRow != features) {
            throw new IllegalArgumentException("the data has " + perRow + " features per example (shape " + data.features().shape()
                    + ") but the model's input is " + spec.input());
        }
        int[] dims = new int[spec.input().size() + 1];
        dims[0] = data.size();
        for (int i = 0; i < spec.input().size(); i++) dims[i + 1] = spec.input().get(i);
        return new Dataset(Tensor.of(data.features().data(), dims), data.targets());
    }

    /** A CSV batch file read for the spec (see the class comment). */
    public static Dataset readCsv(Path file, ModelSpec spec) {
        int features = 1;
        for (int d : spec.input()) features *= d;
        CsvTable table = CsvTable.read(file);
        if (table.columnCount() <= features) {
            throw DataFormatException.inFile(file, "has " + table.columnCount() + " columns but the model takes "
                    + features + " features, so no column is left for the target");
        }
        int[] targets = new int[table.columnCount() - features];
        for (int i = 0; i < targets.length; i++) targets[i] = features + i;
        boolean classification = spec.loss().name().equals("cross_entropy");
        Dataset d = CsvLoader.toDataset(table, new CsvOptions(TargetColumns.indexed(targets),
                classification ? Task.CLASSIFICATION : Task.REGRESSION));
        return spec.input().size() == 1 ? d : fit(d, spec);
    }
}
