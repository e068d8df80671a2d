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
 * A batch of examples for a model spec read from CSV with a header row: the spec's input size (the product of
 * {@code input}) says how many leading columns are features, the remaining columns are targets — one column of
 * class indices for cross_entropy, else as many as the model has outputs. Image inputs are reshaped to
 * [N, channels, height, width].
 */
public final class BatchFile {
    private BatchFile() {}

    public static Dataset read(Path file, ModelSpec spec) {
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
        if (spec.input().size() == 1) return d;
        int[] dims = new int[spec.input().size() + 1];
        dims[0] = d.size();
        for (int i = 0; i < spec.input().size(); i++) dims[i + 1] = spec.input().get(i);
        return new Dataset(Tensor.of(d.features().data(), dims), d.targets());
    }
}
