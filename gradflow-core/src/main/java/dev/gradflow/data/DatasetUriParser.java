package dev.gradflow.data;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parses dataset URIs into {@link DatasetSource}s; the grammar is documented on {@link DatasetSource}. */
final class DatasetUriParser {
    private static final String SCHEMES = "mnist, fashion-mnist, csv, sklearn, synthetic";
    private static final String GENERATORS = "linear, moons, spirals, blobs, teacher";

    private DatasetUriParser() {}

    static DatasetSource parse(String uri, Path root) {
        if (uri == null || uri.isBlank()) throw UriParameters.error(String.valueOf(uri), "empty dataset URI");
        String text = uri.strip();
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw UriParameters.error(uri, "expected SCHEME:…, with scheme one of " + SCHEMES
                    + " (e.g. csv:data.csv, mnist:DIR, sklearn:iris, synthetic:moons?n=1000)");
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = text.substring(colon + 1);
        int question = rest.indexOf('?');
        String body = question < 0 ? rest : rest.substring(0, question);
        UriParameters parameters = UriParameters.parse(uri, question < 0 ? null : rest.substring(question + 1));
        return switch (scheme) {
            case "mnist" -> mnist(MnistFamily.MNIST, uri, body, parameters, root);
            case "fashion-mnist" -> mnist(MnistFamily.FASHION_MNIST, uri, body, parameters, root);
            case "csv" -> csv(uri, body, parameters);
            case "sklearn" -> sklearn(uri, body, parameters, root);
            case "synthetic" -> synthetic(uri, body, parameters);
            default -> throw UriParameters.error(uri, "unknown scheme \"" + scheme + "\"; known schemes: " + SCHEMES);
        };
    }

    private static DatasetSource mnist(MnistFamily family, String uri, String body, UriParameters parameters, Path root) {
        parameters.allowOnly(family.scheme(), "split", "layout", "checksum");
        Path directory = body.isEmpty() ? root.resolve(family.scheme()) : path(uri, body);
        return new DatasetSource.MnistFiles(family, directory,
                parameters.choice("split", choices(Split.values()), Split.TRAIN),
                parameters.choice("layout", choices(ImageLayout.values()), ImageLayout.FLAT),
                parameters.choice("checksum", choices(ChecksumPolicy.values()), ChecksumPolicy.VERIFY));
    }

    private static DatasetSource csv(String uri, String body, UriParameters parameters) {
        parameters.allowOnly("csv", "target", "target-index", "task");
        if (body.isEmpty()) throw UriParameters.error(uri, "csv needs a file: csv:PATH[?target=NAME]");
        if (parameters.has("target") && parameters.has("target-index")) {
            throw UriParameters.error(uri, "give target (column names) or target-index (column indices), not both");
        }
        TargetColumns targets = TargetColumns.last();
        if (parameters.has("target")) targets = new TargetColumns.Named(parameters.list("target", List.of()));
        if (parameters.has("target-index")) targets = new TargetColumns.Indexed(parameters.intList("target-index", List.of()));
        Task task = parameters.choice("task", choices(Task.values()), CsvOptions.DEFAULT.task());
        return new DatasetSource.CsvFile(path(uri, body), new CsvOptions(targets, task));
    }

    private static DatasetSource sklearn(String uri, String body, UriParameters parameters, Path root) {
        parameters.allowOnly("sklearn", "dir", "checksum");
        if (body.isEmpty()) {
            throw UriParameters.error(uri, "sklearn needs a dataset name: sklearn:NAME with NAME one of iris, wine,"
                    + " breast_cancer, digits");
        }
        SklearnDataset dataset;
        try {
            dataset = SklearnDataset.byId(UriParameters.decode(uri, body));
        } catch (IllegalArgumentException e) {
            throw UriParameters.error(uri, e.getMessage());
        }
        String dir = parameters.string("dir", null);
        Path directory = dir == null ? root.resolve("sklearn-small") : path(uri, dir);
        return new DatasetSource.Sklearn(dataset, directory,
                parameters.choice("checksum", choices(ChecksumPolicy.values()), ChecksumPolicy.VERIFY));
    }

    private static DatasetSource synthetic(String uri, String body, UriParameters p) {
        String name = body.toLowerCase(Locale.ROOT);
        int n = p.positiveInt("n", SyntheticData.DEFAULT_SAMPLES);
        try {
            SyntheticData generator = switch (name) {
                case "linear" -> {
                    p.allowOnly("synthetic:linear", "n", "d", "w", "noise", "seed");
                    float[] w = p.floatList("w");
                    int d = p.positiveInt("d", w == null ? LinearData.DEFAULT_FEATURES : w.length);
                    if (w != null && w.length != d) throw p.error("parameter w has " + w.length + " weights but d=" + d);
                    yield new LinearData(n, d, w == null ? LinearData.alternatingWeights(d) : w,
                            p.nonNegativeFloat("noise", LinearData.DEFAULT_NOISE));
                }
                case "moons" -> {
                    p.allowOnly("synthetic:moons", "n", "noise", "seed");
                    yield new TwoMoons(n, p.nonNegativeFloat("noise", TwoMoons.DEFAULT_NOISE));
                }
                case "spirals" -> {
                    p.allowOnly("synthetic:spirals", "n", "classes", "noise", "seed");
                    yield new Spirals(n, p.positiveInt("classes", Spirals.DEFAULT_CLASSES),
                            p.nonNegativeFloat("noise", Spirals.DEFAULT_NOISE));
                }
                case "blobs" -> {
                    p.allowOnly("synthetic:blobs", "n", "d", "centers", "std", "box", "seed");
                    yield new GaussianBlobs(n, p.positiveInt("d", GaussianBlobs.DEFAULT_FEATURES),
                            p.positiveInt("centers", GaussianBlobs.DEFAULT_CENTERS), p.nonNegativeFloat("std", GaussianBlobs.DEFAULT_STD),
                            p.nonNegativeFloat("box", GaussianBlobs.DEFAULT_CENTER_BOX));
                }
                case "teacher" -> teacher(p, n);
                case "" -> throw p.error("synthetic needs a generator: synthetic:NAME with NAME one of " + GENERATORS);
                default -> throw p.error("unknown synthetic generator \"" + body + "\"; known: " + GENERATORS);
            };
            return new DatasetSource.Synthetic(generator, p.longValue("seed", SyntheticData.DEFAULT_SEED));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("dataset \"")) throw e;
            throw UriParameters.error(uri, e.getMessage()); // a generator's own check, e.g. fewer samples than classes
        }
    }

    private static TeacherData teacher(UriParameters p, int n) {
        p.allowOnly("synthetic:teacher", "n", "d", "hidden", "task", "out", "classes", "noise", "seed");
        Task task = p.choice("task", choices(Task.values()), Task.REGRESSION);
        if (task == Task.REGRESSION && p.has("classes")) {
            throw p.error("classes applies to task=classification; use out=K for regression outputs");
        }
        if (task == Task.CLASSIFICATION && p.has("out")) {
            throw p.error("out applies to task=regression; use classes=K for classification");
        }
        int outputs = task == Task.REGRESSION
                ? p.positiveInt("out", TeacherData.DEFAULT_REGRESSION_OUTPUTS)
                : p.positiveInt("classes", TeacherData.DEFAULT_CLASSES);
        List<Integer> hidden = TeacherData.DEFAULT_HIDDEN;
        if ("none".equalsIgnoreCase(p.string("hidden", null))) {
            hidden = List.of();
        } else if (p.has("hidden")) {
            hidden = p.intList("hidden", List.of());
            for (int width : hidden) if (width <= 0) throw p.error("parameter hidden: widths must be positive, got " + hidden);
        }
        return new TeacherData(n, p.positiveInt("d", TeacherData.DEFAULT_INPUTS), hidden, outputs, task,
                p.nonNegativeFloat("noise", TeacherData.DEFAULT_NOISE));
    }

    /** The canonical URI of a generator and seed, every parameter spelled out. */
    static String syntheticUri(SyntheticData generator, long seed) {
        String body = switch (generator) {
            case LinearData l -> "linear?n=" + l.samples() + "&d=" + l.features()
                    + (Arrays.equals(l.weights(), LinearData.alternatingWeights(l.features())) ? "" : "&w=" + floats(l.weights()))
                    + "&noise=" + l.noise();
            case TwoMoons m -> "moons?n=" + m.samples() + "&noise=" + m.noise();
            case Spirals s -> "spirals?n=" + s.samples() + "&classes=" + s.classes() + "&noise=" + s.noise();
            case GaussianBlobs b -> "blobs?n=" + b.samples() + "&d=" + b.features() + "&centers=" + b.centers() + "&std=" + b.std()
                    + "&box=" + b.centerBox();
            case TeacherData t -> "teacher?n=" + t.samples() + "&d=" + t.inputs() + "&hidden="
                    + (t.hidden().isEmpty() ? "none" : String.join(",", t.hidden().stream().map(String::valueOf).toList()))
                    + "&task=" + t.task().name().toLowerCase(Locale.ROOT)
                    + (t.task() == Task.REGRESSION ? "&out=" : "&classes=") + t.outputs() + "&noise=" + t.noise();
        };
        return "synthetic:" + body + "&seed=" + seed;
    }

    private static String floats(float[] values) {
        List<String> items = new ArrayList<>();
        for (float v : values) items.add(Float.toString(v));
        return String.join(",", items);
    }

    private static Path path(String uri, String encoded) {
        String decoded = UriParameters.decode(uri, encoded);
        try {
            return Path.of(decoded);
        } catch (InvalidPathException e) {
            throw UriParameters.error(uri, "\"" + decoded + "\" is not a valid path (" + e.getReason() + ")");
        }
    }

    private static <E extends Enum<E>> Map<String, E> choices(E[] values) {
        Map<String, E> map = new LinkedHashMap<>();
        for (E value : values) map.put(value.name().toLowerCase(Locale.ROOT).replace('_', '-'), value);
        return map;
    }
}
