package dev.gradflow.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The published SHA-256 of every standard dataset file gradflow loads, and the check that a file with a standard
 * name really holds those bytes.
 *
 * <p>Sources: the MNIST and Fashion-MNIST values are the ones torchvision and TensorFlow Datasets publish for the
 * gzip files (and the SHA-256 of their decompressed content, for users who keep the files unpacked); the
 * scikit-learn values are those of the files in scikit-learn 1.9.1's {@code sklearn/datasets/data/}.
 */
public final class KnownChecksums {
    /** One published file: the dataset it belongs to, its standard file name, what it holds and its SHA-256. */
    public record Entry(String dataset, String fileName, String content, String sha256) {}

    private static final List<Entry> ENTRIES = List.of(
            new Entry("MNIST", "train-images-idx3-ubyte.gz", "train images", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
            new Entry("MNIST", "train-labels-idx1-ubyte.gz", "train labels", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            new Entry("MNIST", "t10k-images-idx3-ubyte.gz", "test images", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            new Entry("MNIST", "t10k-labels-idx1-ubyte.gz", "test labels", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
            new Entry("MNIST", "train-images-idx3-ubyte", "train images", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new Entry("MNIST", "train-labels-idx1-ubyte", "train labels", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new Entry("MNIST", "t10k-images-idx3-ubyte", "test images", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new Entry("MNIST", "t10k-labels-idx1-ubyte", "test labels", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
            new Entry("Fashion-MNIST", "train-images-idx3-ubyte.gz", "train images", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
            new Entry("Fashion-MNIST", "train-labels-idx1-ubyte.gz", "train labels", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
            new Entry("Fashion-MNIST", "t10k-images-idx3-ubyte.gz", "test images", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
            new Entry("Fashion-MNIST", "t10k-labels-idx1-ubyte.gz", "test labels", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
            new Entry("Fashion-MNIST", "train-images-idx3-ubyte", "train images", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new Entry("Fashion-MNIST", "train-labels-idx1-ubyte", "train labels", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new Entry("Fashion-MNIST", "t10k-images-idx3-ubyte", "test images", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new Entry("Fashion-MNIST", "t10k-labels-idx1-ubyte", "test labels", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
            new Entry("scikit-learn", "iris.csv", "iris", "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449"),
            new Entry("scikit-learn", "wine_data.csv", "wine", "10e8a802908b34f86e5da8ce962f3c806694bc98450a18f61851af59f324bede"),
            new Entry("scikit-learn", "breast_cancer.csv", "breast cancer", "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed"),
            new Entry("scikit-learn", "digits.csv.gz", "digits", "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"));

    private KnownChecksums() {}

    /** Every known file. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The known files with this file name (MNIST and Fashion-MNIST share names), possibly none. */
    public static List<Entry> forFileName(String fileName) {
        return ENTRIES.stream().filter(e -> e.fileName().equals(fileName)).toList();
    }

    /**
     * Under {@link ChecksumPolicy#VERIFY}, checks a file whose name is a standard one against the published SHA-256
     * of that name (of any dataset using it); files with other names pass unchecked.
     *
     * @throws DataFormatException when the digest matches none of the published ones
     */
    public static void verify(Path file, ChecksumPolicy policy) {
        verify(file, policy, null);
    }

    /**
     * As {@link #verify(Path, ChecksumPolicy)}, but when {@code dataset} is not null the file must be that dataset's
     * (a Fashion-MNIST file in a directory given as MNIST fails, and the message says which dataset it belongs to).
     */
    static void verify(Path file, ChecksumPolicy policy, String dataset) {
        if (policy == ChecksumPolicy.SKIP || file.getFileName() == null) return;
        List<Entry> candidates = forFileName(file.getFileName().toString());
        if (candidates.isEmpty()) return;
        String actual = sha256(file);
        Entry match = candidates.stream().filter(e -> e.sha256().equals(actual)).findFirst().orElse(null);
        if (match != null && (dataset == null || match.dataset().equals(dataset))) return;
        if (match != null) {
            throw DataFormatException.inFile(file, "this is the " + match.dataset() + " " + match.content()
                    + " file, not " + dataset + "'s (SHA-256 " + actual + ")");
        }
        List<Entry> expected = dataset == null ? candidates
                : candidates.stream().filter(e -> e.dataset().equals(dataset)).toList();
        StringBuilder published = new StringBuilder();
        for (Entry e : expected) {
            published.append(published.isEmpty() ? "" : " or ").append(e.sha256()).append(" (").append(e.dataset())
                    .append(' ').append(e.content()).append(')');
        }
        throw DataFormatException.inFile(file, "SHA-256 mismatch: the file has " + actual + " but the published file"
                + " with this name has " + published + "; the file is corrupt or not the standard one (to load it"
                + " anyway, opt out with checksum=skip / ChecksumPolicy.SKIP)");
    }

    /** The SHA-256 of the file's bytes as stored (not decompressed), in lower-case hex. */
    public static String sha256(Path file) {
        DataFiles.requireRegularFile(file);
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        } catch (IOException e) {
            throw DataFiles.readError(file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
