package dev.gradflow.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads one {@code layers} entry: a bare name ({@code - relu}) or a one-key mapping ({@code - linear: {out: 8}}). */
final class LayerSpecParser {
    private static final Set<String> ACTIVATIONS = Set.of("identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu",
            "selu", "gelu", "gelu_tanh", "silu", "softplus", "softsign", "hardtanh", "mish");
    private static final Map<String, Set<String>> ACTIVATION_OPTIONS = Map.of(
            "leaky_relu", Set.of("slope"), "elu", Set.of("alpha"), "softplus", Set.of("beta", "threshold"),
            "hardtanh", Set.of("min", "max"));
    private static final Set<String> KINDS = union(ACTIVATIONS, Set.of("linear", "dropout"));

    private LayerSpecParser() {}

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
        // Nested errors carry the entry's path (layers[2].linear.out), which names the index and the kind.
        return switch (kind) {
            case "linear" -> linear(options, entry, where);
            case "dropout" -> {
                if (options == null) throw entry.error(where + "needs {p: probability}");
                YamlNode p = options.entries(Set.of("p")).get("p");
                if (p == null) throw options.error(where + "missing key 'p'");
                double v = p.asDouble();
                if (!(v >= 0 && v < 1)) throw p.error(where + "p must be in [0, 1), got " + v);
                yield new LayerSpec.Dropout(v);
            }
            default -> {
                if (!ACTIVATIONS.contains(kind)) {
                    throw entry.error("layer " + index + ": unknown layer '" + kind + "'; known: "
                            + String.join(", ", new java.util.TreeSet<>(KINDS)));
                }
                Map<String, Double> params = new LinkedHashMap<>();
                if (options != null) {
                    options.entries(ACTIVATION_OPTIONS.getOrDefault(kind, Set.of())).forEach((k, v) -> params.put(k, v.asDouble()));
                }
                yield new LayerSpec.Activation(kind, params);
            }
        };
    }

    private static LayerSpec linear(YamlNode options, YamlNode entry, String where) {
        if (options == null) throw entry.error(where + "needs {out: features}");
        Map<String, YamlNode> o = options.entries(Set.of("out", "init", "bias_init", "bias"));
        if (!o.containsKey("out")) throw options.error(where + "missing key 'out'");
        int out = o.get("out").asPositiveInt();
        String init = o.containsKey("init") ? o.get("init").asString() : null;
        String biasInit = o.containsKey("bias_init") ? o.get("bias_init").asString() : null;
        boolean bias = !o.containsKey("bias") || o.get("bias").asBoolean();
        return new LayerSpec.Linear(out, init, biasInit, bias);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
