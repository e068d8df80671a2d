package dev.gradflow.spec;

import dev.gradflow.init.Initializers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An initializer as a spec writes it: a name ({@code he_normal}) or a one-key mapping from the name to its
 * parameters ({@code {xavier_normal: {gain: 3}}}, {@code {he_normal: {mode: fan_out}}}). Names and parameters are
 * those of {@link Initializers}; both are checked when the spec is read, so a misspelt one is a located error.
 *
 * @param name       the initializer's name, or null for none given
 * @param parameters its parameters: numbers as Double, text (mode, nonlinearity) as String
 */
public record InitializerSpec(String name, Map<String, Object> parameters) {
    /** No initializer given: the layer keeps its default. */
    public static final InitializerSpec NONE = new InitializerSpec(null, Map.of());

    public InitializerSpec {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Reads and checks an initializer entry. */
    public static InitializerSpec parse(YamlNode node) {
        return parse(node, "");
    }

    /** Reads and checks an initializer entry; {@code where} starts every error message (e.g. "layer 0 (linear): "). */
    static InitializerSpec parse(YamlNode node, String where) {
        String name;
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (node.isScalar()) {
            name = node.asString();
        } else if (node.isMap() && node.entries().size() == 1) {
            var entry = node.entries().entrySet().iterator().next();
            name = entry.getKey();
            entry.getValue().entries().forEach((key, value) -> parameters.put(key, scalar(value)));
        } else {
            throw node.error(where + "an initializer is a name (he_normal) or a one-key mapping to its parameters ({xavier_normal: {gain: 3}})");
        }
        try {
            Initializers.byName(name, parameters);
        } catch (IllegalArgumentException e) {
            throw node.error(where + e.getMessage());
        }
        return new InitializerSpec(name, parameters);
    }

    /** The name, after checking that no parameters were given (for entries that take a name only). */
    String requireNoParameters(YamlNode node, String where) {
        if (!parameters.isEmpty()) throw node.error(where + "give the initializer's name only here, without parameters");
        return name;
    }

    /** A number when the text reads as one, else the text. */
    private static Object scalar(YamlNode value) {
        String text = value.asString().trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** As YAML data: the name, or {name: {parameters}}. */
    public Object toYaml() {
        return parameters.isEmpty() ? name : Map.of(name, new LinkedHashMap<>(parameters));
    }
}
