package dev.gradflow.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one {@code layers} entry: a bare name ({@code - relu}) or a one-key mapping ({@code - linear: {out: 8}}).
 * Nested errors carry the entry's path ({@code layers[2].linear.out}), which names the index and the kind.
 */
final class LayerSpecParser {
    static final Set<String> ACTIVATIONS = Set.of("identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu",
            "selu", "gelu", "gelu_tanh", "silu", "softplus", "softsign", "hardtanh", "mish");
    private static final Map<String, Set<String>> ACTIVATION_OPTIONS = Map.of(
            "leaky_relu", Set.of("slope"), "elu", Set.of("alpha"), "softplus", Set.of("beta", "threshold"),
            "hardtanh", Set.of("min", "max"));
    private static final Set<String> LAYERS = Set.of("linear", "dropout", "batchnorm", "layernorm", "conv2d", "maxpool2d",
            "avgpool2d", "global_avg_pool", "flatten", "residual", "dense_block");
    private static final Set<String> NORMS = Set.of("batchnorm", "layernorm", "none");

    private LayerSpecParser() {}

    static List<LayerSpec> parseList(YamlNode list) {
        List<YamlNode> entries = list.elements();
        if (entries.isEmpty()) throw list.error("layers must not be empty");
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) layers.add(parse(entries.get(i), i));
        return layers;
    }

    static LayerSpec parse(YamlNode entry, int index) {
        String kind;
        YamlNode options = null;
        if (entry.isScalar()) {
            kind = entry.asString();
        } else if (entry.isMap() && entry.entries().size() == 1) {
            var e = entry.entries().entrySet().iterator().next();
            kind = e.getKey();
            options = e.getValue();
        } else {
            throw entry.error("layer " + index + ": expected a layer name (e.g. relu) or a one-key mapping (e.g. linear: {out: 64})");
        }
        String where = "layer " + index + " (" + kind + "): ";
        Options o = new Options(options, entry, where);
        return switch (kind) {
            case "linear" -> {
                o.allow("out", "init", "bias_init", "bias");
                InitializerSpec init = o.has("init") ? InitializerSpec.parse(o.at("init"), where) : InitializerSpec.NONE;
                String biasInit = o.has("bias_init") ? InitializerSpec.parse(o.at("bias_init"), where).requireNoParameters(o.at("bias_init"), where) : null;
                yield new LayerSpec.Linear(o.requiredPositive("out"), init.name(), biasInit, o.bool("bias", true), init.parameters());
            }
            case "dropout" -> {
                o.allow("p");
                double p = o.number("p", Double.NaN);
                if (!(p >= 0 && p < 1)) throw o.at("p").error(where + "p must be in [0, 1), got " + p);
                yield new LayerSpec.Dropout(p);
            }
            case "batchnorm" -> {
                o.allow();
                yield new LayerSpec.BatchNorm();
            }
            case "layernorm" -> {
                o.allow();
                yield new LayerSpec.LayerNorm();
            }
            case "global_avg_pool" -> {
                o.allow();
                yield new LayerSpec.GlobalAvgPool();
            }
            case "flatten" -> {
                o.allow();
                yield new LayerSpec.Flatten();
            }
            case "conv2d" -> {
                o.allow("out", "kernel", "stride", "padding", "init", "bias");
                yield new LayerSpec.Conv2d(o.requiredPositive("out"), o.requiredPositive("kernel"), o.positive("stride", 1),
                        o.nonNegative("padding", 0), o.text("init", null), o.bool("bias", true));
            }
            case "maxpool2d", "avgpool2d" -> {
                o.allow("kernel", "stride");
                int k = o.requiredPositive("kernel");
                yield new LayerSpec.Pool(kind, k, o.positive("stride", k));
            }
            case "residual" -> residual(o, where);
            case "dense_block" -> {
                o.allow("layers", "growth", "norm", "activation");
                yield new LayerSpec.DenseBlock(o.requiredPositive("layers"), o.requiredPositive("growth"),
                        o.choice("norm", "batchnorm", NORMS), o.choice("activation", "relu", ACTIVATIONS));
            }
            default -> {
                if (!ACTIVATIONS.contains(kind)) {
                    TreeSet<String> known = new TreeSet<>(LAYERS);
                    known.addAll(ACTIVATIONS);
                    throw entry.error("layer " + index + ": unknown layer '" + kind + "'; known: " + String.join(", ", known));
                }
                Map<String, Double> params = new LinkedHashMap<>();
                if (options != null) {
                    options.entries(ACTIVATION_OPTIONS.getOrDefault(kind, Set.of())).forEach((k, v) -> params.put(k, v.asDouble()));
                }
                yield new LayerSpec.Activation(kind, params);
            }
        };
    }

    private static LayerSpec residual(Options o, String where) {
        o.allow("layers", "out", "form", "norm", "activation", "scale", "zero_init_last");
        if (o.has("layers") == o.has("out")) {
            throw o.node().error(where + "give either 'layers' (an explicit branch) or 'out' (a standard two-layer block)");
        }
        double scale = o.number("scale", 1.0);
        boolean zero = o.bool("zero_init_last", false);
        if (o.has("layers")) {
            if (o.has("form") || o.has("norm")) throw o.node().error(where + "'form' and 'norm' go with 'out', not with an explicit 'layers' branch");
            String after = o.has("activation") ? o.choice("activation", null, ACTIVATIONS) : null;
            return new LayerSpec.Residual(parseList(o.at("layers")), 0, null, null, after, scale, zero);
        }
        return new LayerSpec.Residual(List.of(), o.requiredPositive("out"), o.choice("form", "post", Set.of("post", "pre")),
                o.choice("norm", "batchnorm", NORMS), o.choice("activation", "relu", ACTIVATIONS), scale, zero);
    }

    /** The options mapping of one entry (absent for a bare name), with typed, located accessors. */
    private record Options(YamlNode node, YamlNode entry, String where) {
        private Map<String, YamlNode> map() {
            return node == null ? Map.of() : node.entries();
        }

        void allow(String... keys) {
            if (node != null) node.entries(Set.of(keys));
        }

        boolean has(String key) {
            return map().containsKey(key);
        }

        YamlNode at(String key) {
            YamlNode n = map().get(key);
            if (n == null) throw (node == null ? entry : node).error(where + "missing key '" + key + "'");
            return n;
        }

        int requiredPositive(String key) {
            return at(key).asPositiveInt();
        }

        int positive(String key, int fallback) {
            return has(key) ? at(key).asPositiveInt() : fallback;
        }

        int nonNegative(String key, int fallback) {
            if (!has(key)) return fallback;
            int v = at(key).asInt();
            if (v < 0) throw at(key).error(where + key + " must be >= 0, got " + v);
            return v;
        }

        double number(String key, double fallback) {
            return has(key) ? at(key).asDouble() : fallback;
        }

        boolean bool(String key, boolean fallback) {
            return has(key) ? at(key).asBoolean() : fallback;
        }

        String text(String key, String fallback) {
            return has(key) ? at(key).asString() : fallback;
        }

        String choice(String key, String fallback, Set<String> allowed) {
            if (!has(key)) return fallback;
            String v = at(key).asString();
            if (!allowed.contains(v)) throw at(key).error(where + key + " must be one of " + String.join(", ", new TreeSet<>(allowed)) + ", got '" + v + "'");
            return v;
        }
    }
}
