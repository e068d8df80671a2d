package dev.gradflow.data;

import dev.gradflow.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads {@link SklearnDataset}s from a directory holding scikit-learn's data files (standard names, checked against
 * their published SHA-256 unless {@link ChecksumPolicy#SKIP}): features [N, F] as stored (not scaled), targets the
 * class indices [N]. The header's sample and feature counts are checked against the data.
 */
public final class SklearnDatasets {
    private SklearnDatasets() {}

    public static Dataset load(SklearnDataset dataset, Path directory) {
        return load(dataset, directory, ChecksumPolicy.VERIFY);
    }

    public static Dataset load(SklearnDataset dataset, Path directory, ChecksumPolicy checksum) {
        DataFiles.requireDirectory(directory);
        Path file = directory.resolve(dataset.fileName());
        DataFiles.requireRegularFile(file);
        KnownChecksums.verify(file, checksum, "scikit-learn");
        int columns = dataset.features() + 1;
        CsvTable table;
        try (CsvLines lines = CsvLines.open(file)) {
            int declaredSamples = dataset.hasHeader() ? readHeader(lines, file, dataset) : -1;
            String expectation = dataset.hasHeader()
                    ? "(" + dataset.features() + " features and a label, as the header says)"
                    : "(" + dataset.features() + " features and a label)";
            table = CsvTable.readRows(lines, file, List.of(), columns, expectation);
            if (declaredSamples >= 0 && table.rowCount() != declaredSamples) {
                throw DataFormatException.inFile(file, "the header declares " + declaredSamples + " samples but the file has "
                        + table.rowCount() + " data rows");
            }
        }
        int n = table.rowCount();
        float[] targets = new float[n];
        for (int r = 0; r < n; r++) {
            float label = table.value(r, dataset.features());
            if (label < 0 || label >= dataset.classes() || label != Math.rint(label)) {
                throw DataFormatException.atCell(file, table.lineOf(r), columns, null,
                        label + " is not a class label of " + dataset.id() + " (0.." + (dataset.classes() - 1) + ")");
            }
            targets[r] = label;
        }
        float[] features = new float[n * dataset.features()];
        for (int r = 0; r < n; r++) {
            System.arraycopy(table.values(), r * columns, features, r * dataset.features(), dataset.features());
        }
        return new Dataset(Tensor.of(features, n, dataset.features()), Tensor.of(targets, n));
    }

    /** Checks {@code n_samples,n_features,class names…} and returns n_samples. */
    private static int readHeader(CsvLines lines, Path file, SklearnDataset dataset) {
        String[] header = lines.next();
        if (header == null) {
            throw DataFormatException.inFile(file, "the file is empty (expected the header n_samples,n_features,class names…)");
        }
        int row = lines.lineNumber();
        if (header.length != 2 + dataset.classes()) {
            throw DataFormatException.atRow(file, row, "the header has " + header.length + " cells, expected n_samples,n_features and "
                    + dataset.classes() + " class names");
        }
        int samples = headerCount(header[0], file, row, 1, "n_samples");
        int features = headerCount(header[1], file, row, 2, "n_features");
        if (features != dataset.features()) {
            throw DataFormatException.atCell(file, row, 2, "n_features", "the header declares " + features + " features but "
                    + dataset.id() + " has " + dataset.features());
        }
        return samples;
    }

    private static int headerCount(String cell, Path file, int row, int column, String name) {
        try {
            int value = Integer.parseInt(cell);
            if (value > 0) return value;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw DataFormatException.atCell(file, row, column, name, "\"" + cell + "\" is not a positive whole number");
    }
}
