package dev.gradflow.data;

import java.nio.file.Path;

/**
 * Loads Fashion-MNIST (Zalando): 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt,
 * 7 Sneaker, 8 Bag, 9 Ankle boot. 28×28 grey images, 60,000 for training and 10,000 for testing.
 *
 * <p>The directory holds the four standard files {@code train-images-idx3-ubyte.gz},
 * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz} (or the
 * same names without {@code .gz}). Each is checked against its published SHA-256 before it is read, unless
 * {@link ChecksumPolicy#SKIP} is passed. Images become features [N, 784] (or [N, 1, 28, 28]) with pixels p / 255 in
 * [0, 1]; labels become targets [N] of class indices 0..9. Read by {@link IdxReader}.
 */
public final class FashionMnist {
    private FashionMnist() {}

    /** The split as flat images [N, 784], checksums verified. */
    public static Dataset load(Path directory, Split split) {
        return load(directory, split, ImageLayout.FLAT, ChecksumPolicy.VERIFY);
    }

    public static Dataset load(Path directory, Split split, ImageLayout layout, ChecksumPolicy checksum) {
        return MnistFamily.FASHION_MNIST.load(directory, split, layout, checksum);
    }
}
