package dev.gradflow.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model described in YAML — the one format used by the CLI, experiments and saved models:
 * <pre>{@code
 * input: 10            # features per example; or [channels, height, width] for images
 * layers:
 *   - linear: {out: 128, init: he_normal}
 *   - relu
 *   - linear: {out: 64}
 *   - relu
 *   - linear: {out: 1}
 * loss: mse            # or {huber: {delta: 0.5}}, {cross_entropy: {label_smoothing: 0.1}}
 * }</pre>
 * or, instead of {@code input} and {@code layers}, a template that expands to them ({@link MlpTemplate}):
 * {@code mlp: {input: 10, width: 64, depth: 10, activation: tanh, init: matched}}.
 * Parameters are named as {@code torch.nn.Sequential} names them: entry i's parameters are {@code i.weight},
 * {@code i.bias}. Unknown keys and layers are errors naming the entry's index, kind, line and column.
 */
public record ModelSpec(List<Integer> input, List<LayerSpec> layers, LossSpec loss) {

    public ModelSpec {
        input = List.copyOf(input);
        layers = List.copyOf(layers);
        if (input.isEmpty()) throw new IllegalArgumentException("model spec: input must give at least one dimension");
        if (layers.isEmpty()) throw new IllegalArgumentException("model spec: layers must not be empty");
    }

    /** The loss of a spec: a name and its numeric options. */
    public record LossSpec(String name, Map<String, Double> options) {
        private static final Map<String, Set<String>> KNOWN = Map.of(
                "mse", Set.of(), "l1", Set.of(), "huber", Set.of("delta"),
                "bce_with_logits", Set.of(), "cross_entropy", Set.of("label_smoothing"));

        public LossSpec {
            options = Map.copyOf(options);
        }

        static LossSpec parse(YamlNode node) {
            String name;
            Map<String, Double> options = new LinkedHashMap<>();
            if (node.isScalar()) {
                name = node.asString();
            } else {
                Map<String, YamlNode> e = node.entries();
                if (e.size() != 1) throw node.error("a loss is a name or a one-key mapping like {huber: {delta: 1.0}}");
                name = e.keySet().iterator().next();
                YamlNode opts = e.get(name);
                Set<String> allowed = KNOWN.get(name);
                if (allowed != null) opts.entries(allowed).forEach((k, v) -> options.put(k, v.asDouble()));
            }
            if (!KNOWN.containsKey(name)) {
                throw node.error("unknown loss '" + name + "'; known: " + String.join(", ", new java.util.TreeSet<>(KNOWN.keySet())));
            }
            return new LossSpec(name, options);
        }

        Object toYaml() {
            return options.isEmpty() ? name : Map.of(name, new java.util.TreeMap<>(options));
        }
    }

    /** Reads a spec from its YAML root mapping: {@code input} and {@code layers}, or an {@code mlp} template. */
    public static ModelSpec parse(YamlNode root) {
        Map<String, YamlNode> e = root.entries(Set.of("input", "layers", "loss", "mlp"));
        LossSpec loss = e.containsKey("loss") ? LossSpec.parse(e.get("loss")) : new LossSpec("mse", Map.of());
        if (e.containsKey("mlp")) {
            if (e.containsKey("input") || e.containsKey("layers")) {
                throw e.get("mlp").error("give either an 'mlp' template or 'input' and 'layers', not both");
            }
            MlpTemplate mlp = MlpTemplate.parse(e.get("mlp"));
            return new ModelSpec(List.of(mlp.input()), mlp.layers(), loss);
        }
        if (!e.containsKey("input")) throw root.error("missing key 'input' (number of features, or [channels, height, width]), or an 'mlp' template");
        if (!e.containsKey("layers")) throw root.error("missing key 'layers'");
        List<Integer> input = new ArrayList<>();
        YamlNode in = e.get("input");
        if (in.isList()) {
            for (YamlNode d : in.elements()) input.add(d.asPositiveInt());
            if (input.isEmpty()) throw in.error("input must give at least one dimension");
        } else {
            input.add(in.asPositiveInt());
        }
        List<LayerSpec> layers = LayerSpecParser.parseList(e.get("layers"));
        return new ModelSpec(input, layers, loss);
    }

    /** Parses YAML text. */
    public static ModelSpec parse(String yaml, String source) {
        return parse(YamlNode.parse(yaml, source));
    }

    /** Reads a spec file. */
    public static ModelSpec load(java.nio.file.Path file) {
        return parse(YamlNode.load(file));
    }

    /** The spec as plain YAML data (maps, lists, strings, numbers), in the same format it was read from. */
    public Map<String, Object> toYamlData() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", input.size() == 1 ? input.get(0) : input);
        List<Object> ls = new ArrayList<>();
        for (LayerSpec l : layers) ls.add(l.toYaml());
        m.put("layers", ls);
        m.put("loss", loss.toYaml());
        return m;
    }

    /** The spec as YAML text (block style), parseable by {@link #parse(String, String)}. */
    public String toYaml() {
        org.yaml.snakeyaml.DumperOptions o = new org.yaml.snakeyaml.DumperOptions();
        o.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        return new org.yaml.snakeyaml.Yaml(o).dump(toYamlData());
    }
}
