package dev.gradflow.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a dataset comes from, as written on the command line and in specs. {@link #parse(String)} reads a dataset
 * URI; {@link #load()} produces the {@link Dataset}; {@link #uri()} gives the canonical URI back, every default
 * spelled out (for reports and provenance).
 *
 * <h2>Dataset URI grammar</h2>
 * <pre>
 * uri        = scheme ":" [ body ] [ "?" parameter *( "&amp;" parameter ) ]
 * parameter  = name "=" value            names are case-insensitive; each at most once; unknown names are errors
 * list       = item *( "," item )        for list-valued parameters
 * </pre>
 * Paths and values are percent-decoded: write {@code %3F} for '?', {@code %26} for '&amp;', {@code %25} for '%',
 * {@code %2C} for a comma inside a list item, {@code %20} for a space ('+' stays '+'). Relative paths are resolved
 * against the working directory. ROOT is the datasets directory: {@code parse(uri, root)} takes it explicitly;
 * {@code parse(uri)} uses the system property {@code gradflow.datasets}, else the environment variable
 * {@code GRADFLOW_DATASETS}, else {@code ./datasets}.
 *
 * <pre>
 * mnist:[DIR][?split=train|test][&amp;layout=flat|nchw][&amp;checksum=verify|skip]
 * fashion-mnist:[DIR][?split=train|test][&amp;layout=flat|nchw][&amp;checksum=verify|skip]
 *     DIR holds train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and
 *     t10k-labels-idx1-ubyte.gz (or the same names without .gz); default ROOT/mnist or ROOT/fashion-mnist.
 *     split: default train. layout: flat gives features [N, 784] (default), nchw gives [N, 1, 28, 28].
 *     Pixels are scaled to [0, 1]; targets are the labels 0..9, shape [N].
 *     checksum: verify (default) checks each file against its published SHA-256; skip loads any bytes.
 *
 * csv:FILE[?target=NAME[,NAME…]|target-index=I[,I…]][&amp;task=regression|classification]
 *     FILE is a numeric CSV file with a header row of column names, optionally gzip-compressed.
 *     target: target columns by header name; target-index: by 0-based index (-1 = last). Give at most one of the
 *     two; default: the last column. The other columns are the features [N, F], in file order.
 *     task: regression (default) gives targets [N, k]; classification needs one target column of class indices
 *     0, 1, … and gives targets [N].
 *
 * sklearn:NAME[?dir=DIR][&amp;checksum=verify|skip]
 *     NAME: iris | wine | breast_cancer | digits (scikit-learn's bundled files iris.csv, wine_data.csv,
 *     breast_cancer.csv, digits.csv.gz in DIR; default DIR = ROOT/sklearn-small).
 *     Features [N, F] as stored (not scaled); targets the class indices [N]. checksum as for mnist.
 *
 * synthetic:linear[?n=N][&amp;d=D][&amp;w=W1,W2,…][&amp;noise=S][&amp;seed=K]
 *     x ~ U[0,1)^(N×D), y = x·w + S·ε: features [N, D], targets [N, 1].
 *     Defaults: n=1000, d=10 (or the length of w), w=1,-1,1,-1,…, noise=0, seed=0.
 * synthetic:moons[?n=N][&amp;noise=S][&amp;seed=K]
 *     scikit-learn's two moons, features [N, 2], targets [N] in {0, 1}. Defaults: n=1000, noise=0.1, seed=0.
 * synthetic:spirals[?n=N][&amp;classes=K][&amp;noise=S][&amp;seed=K]
 *     K spiral arms, features [N, 2], targets [N] in 0..K-1. Defaults: n=1000, classes=3, noise=0.2, seed=0.
 * synthetic:blobs[?n=N][&amp;d=D][&amp;centers=K][&amp;std=S][&amp;box=B][&amp;seed=K]
 *     K Gaussian clusters with centers uniform in [-B, B)^D, features [N, D], targets [N] in 0..K-1.
 *     Defaults: n=1000, d=2, centers=3, std=1, box=10, seed=0.
 * synthetic:teacher[?n=N][&amp;d=D][&amp;hidden=W1,W2,…|none][&amp;task=regression|classification]
 *                  [&amp;out=K (regression) | classes=K (classification)][&amp;noise=S][&amp;seed=K]
 *     x ~ N(0, I)^(N×D) labelled by a random tanh MLP D→W1→…→K: regression targets [N, K] (default out=1),
 *     classification targets argmax [N] (default classes=3). Defaults: n=1000, d=10, hidden=32, task=regression,
 *     noise=0, seed=0.
 * </pre>
 * Synthetic data are drawn from {@code new SplittableRandom(seed)}: the same URI always gives the same data.
 *
 * <p>Examples: {@code mnist:/data/mnist?split=test}, {@code csv:data/houses.csv.gz?target=price},
 * {@code csv:iris.csv?target=species&task=classification}, {@code sklearn:iris?dir=/opt/sklearn-data},
 * {@code synthetic:linear?n=1000&d=10&seed=0}, {@code synthetic:moons?n=1000&noise=0.1}.
 *
 * <p>Malformed URIs (unknown scheme or parameter, bad value) give an IllegalArgumentException naming the URI and the
 * parameter; problems with the files themselves surface from {@link #load()} as a {@link DataFormatException}.
 */
public sealed interface DatasetSource {

    /** Loads or generates the dataset. */
    Dataset load();

    /** The canonical URI: scheme, body and every parameter with its value, defaults included. */
    String uri();

    /** Parses a dataset URI (see the grammar above), with ROOT from {@link #defaultRoot()}. */
    static DatasetSource parse(String uri) {
        return DatasetUriParser.parse(uri, defaultRoot());
    }

    /** Parses a dataset URI whose default directories live under {@code root}. */
    static DatasetSource parse(String uri, Path root) {
        return DatasetUriParser.parse(uri, root);
    }

    /**
     * ROOT for {@link #parse(String)}: the system property {@code gradflow.datasets}, else the environment variable
     * {@code GRADFLOW_DATASETS}, else {@code datasets} (relative to the working directory).
     */
    static Path defaultRoot() {
        String property = System.getProperty("gradflow.datasets");
        if (property != null && !property.isBlank()) return Path.of(property);
        String environment = System.getenv("GRADFLOW_DATASETS");
        if (environment != null && !environment.isBlank()) return Path.of(environment);
        return Path.of("datasets");
    }

    /** {@code mnist:} and {@code fashion-mnist:}: a directory of the four standard IDX files. */
    record MnistFiles(MnistFamily family, Path directory, Split split, ImageLayout layout, ChecksumPolicy checksum)
            implements DatasetSource {
        public MnistFiles {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(split, "split");
            Objects.requireNonNull(layout, "layout");
            Objects.requireNonNull(checksum, "checksum");
        }

        @Override
        public Dataset load() {
            return family.load(directory, split, layout, checksum);
        }

        @Override
        public String uri() {
            return family.scheme() + ":" + UriParameters.encode(directory.toString(), false) + "?split=" + lower(split)
                    + "&layout=" + lower(layout) + "&checksum=" + lower(checksum);
        }
    }

    /** {@code csv:}: a numeric CSV file with a header row. */
    record CsvFile(Path file, CsvOptions options) implements DatasetSource {
        public CsvFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(options, "options");
        }

        @Override
        public Dataset load() {
            return CsvLoader.load(file, options);
        }

        @Override
        public String uri() {
            StringBuilder uri = new StringBuilder("csv:").append(UriParameters.encode(file.toString(), false)).append('?');
            switch (options.targets()) {
                case TargetColumns.Named named -> uri.append("target=").append(String.join(",",
                        named.names().stream().map(n -> UriParameters.encode(n, true)).toList())).append('&');
                case TargetColumns.Indexed indexed -> uri.append("target-index=").append(String.join(",",
                        indexed.indices().stream().map(String::valueOf).toList())).append('&');
                case TargetColumns.Last last -> { }
            }
            return uri.append("task=").append(lower(options.task())).toString();
        }
    }

    /** {@code sklearn:}: one of scikit-learn's small bundled sets. */
    record Sklearn(SklearnDataset dataset, Path directory, ChecksumPolicy checksum) implements DatasetSource {
        public Sklearn {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(checksum, "checksum");
        }

        @Override
        public Dataset load() {
            return SklearnDatasets.load(dataset, directory, checksum);
        }

        @Override
        public String uri() {
            return "sklearn:" + dataset.id() + "?dir=" + UriParameters.encode(directory.toString(), false) + "&checksum="
                    + lower(checksum);
        }
    }

    /** {@code synthetic:}: a generator and its seed. */
    record Synthetic(SyntheticData generator, long seed) implements DatasetSource {
        public Synthetic {
            Objects.requireNonNull(generator, "generator");
        }

        @Override
        public Dataset load() {
            return generator.generate(seed);
        }

        @Override
        public String uri() {
            return DatasetUriParser.syntheticUri(generator, seed);
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
