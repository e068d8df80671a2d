package dev.gradflow.data;

import dev.gradflow.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MNIST and Fashion-MNIST: the same four IDX files under the same standard names, 28×28 images, labels 0..9. A
 * directory holds {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz} and {@code t10k-labels-idx1-ubyte.gz} (or the same names without {@code .gz}).
 */
public enum MnistFamily {
    MNIST("MNIST", "mnist"),
    FASHION_MNIST("Fashion-MNIST", "fashion-mnist");

    static final int SIDE = 28;
    static final int CLASSES = 10;

    private final String displayName;
    private final String scheme;

    MnistFamily(String displayName, String scheme) {
        this.displayName = displayName;
        this.scheme = scheme;
    }

    /** The name in messages and in {@link KnownChecksums}, e.g. {@code Fashion-MNIST}. */
    public String displayName() {
        return displayName;
    }

    /** The dataset URI scheme, e.g. {@code fashion-mnist}. */
    public String scheme() {
        return scheme;
    }

    /** The standard base name (without {@code .gz}) of one of the four files. */
    static String baseName(Split split, boolean images) {
        String prefix = split == Split.TRAIN ? "train" : "t10k";
        return prefix + (images ? "-images-idx3-ubyte" : "-labels-idx1-ubyte");
    }

    /** Loads one split from {@code directory}; see {@link Mnist} for the details. */
    public Dataset load(Path directory, Split split, ImageLayout layout, ChecksumPolicy checksum) {
        DataFiles.requireDirectory(directory);
        Path imagesFile = locate(directory, baseName(split, true));
        Path labelsFile = locate(directory, baseName(split, false));
        KnownChecksums.verify(imagesFile, checksum, displayName);
        KnownChecksums.verify(labelsFile, checksum, displayName);
        Tensor labels = IdxReader.readLabelsUnchecked(labelsFile);
        float[] values = labels.data();
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= CLASSES) {
                throw DataFormatException.inFile(labelsFile, "label " + i + " (0-based) is " + (int) values[i] + "; "
                        + displayName + " labels are 0.." + (CLASSES - 1));
            }
        }
        Tensor images = IdxReader.readImagesUnchecked(imagesFile, layout);
        int rows = layout == ImageLayout.FLAT ? -1 : images.dim(2);
        int pixels = layout == ImageLayout.FLAT ? images.dim(1) : images.dim(2) * images.dim(3);
        if (pixels != SIDE * SIDE || (rows >= 0 && rows != SIDE)) {
            throw DataFormatException.inFile(imagesFile, displayName + " images are " + SIDE + "×" + SIDE
                    + " but this file's images have shape " + images.shape() + " (after the count)");
        }
        return IdxReader.pair(imagesFile, images, labelsFile, labels);
    }

    private Path locate(Path directory, String baseName) {
        Path gzipped = directory.resolve(baseName + ".gz");
        if (Files.exists(gzipped)) return gzipped;
        Path plain = directory.resolve(baseName);
        if (Files.exists(plain)) return plain;
        throw DataFormatException.inFile(gzipped, "the file does not exist (nor " + baseName + "); a " + displayName
                + " directory holds train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz"
                + " and t10k-labels-idx1-ubyte.gz");
    }
}
