package dev.gradflow.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * scikit-learn's small bundled classification sets, as the files in {@code sklearn/datasets/data/}.
 *
 * <p>iris, wine and breast_cancer start with the header {@code n_samples,n_features,class names…}; every other line
 * holds the features and then an integer class label. digits has no header: each line is the 64 pixel values 0..16
 * of an 8×8 image, row-major, then the label 0..9; its file is gzip-compressed.
 */
public enum SklearnDataset {
    IRIS("iris", "iris.csv", 4, 3, true),
    WINE("wine", "wine_data.csv", 13, 3, true),
    BREAST_CANCER("breast_cancer", "breast_cancer.csv", 30, 2, true),
    DIGITS("digits", "digits.csv.gz", 64, 10, false);

    private final String id;
    private final String fileName;
    private final int features;
    private final int classes;
    private final boolean hasHeader;

    SklearnDataset(String id, String fileName, int features, int classes, boolean hasHeader) {
        this.id = id;
        this.fileName = fileName;
        this.features = features;
        this.classes = classes;
        this.hasHeader = hasHeader;
    }

    /** The name used in dataset URIs and by scikit-learn's {@code load_*} functions, e.g. {@code breast_cancer}. */
    public String id() {
        return id;
    }

    /** The file name in scikit-learn's data directory. */
    public String fileName() {
        return fileName;
    }

    /** Number of feature columns. */
    public int features() {
        return features;
    }

    /** Number of classes. */
    public int classes() {
        return classes;
    }

    /** Whether the file starts with the {@code n_samples,n_features,class names…} header. */
    boolean hasHeader() {
        return hasHeader;
    }

    /** The set with this {@link #id()} (case-insensitive), or an IllegalArgumentException listing the names. */
    public static SklearnDataset byId(String id) {
        for (SklearnDataset d : values()) {
            if (d.id.equals(id.toLowerCase(Locale.ROOT))) return d;
        }
        throw new IllegalArgumentException("unknown scikit-learn dataset \"" + id + "\"; known: "
                + Arrays.stream(values()).map(SklearnDataset::id).toList());
    }
}
