package dev.gradflow.lab;

import dev.gradflow.spec.SpecException;
import dev.gradflow.spec.YamlNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A mapping of an experiment spec whose keys have been checked, with typed accessors that name the key on error. */
final class Section {
    private final YamlNode node;
    private final Map<String, YamlNode> entries;

    private Section(YamlNode node, Map<String, YamlNode> entries) {
        this.node = node;
        this.entries = entries;
    }

    /** The mapping at {@code node}, after checking that every key is one of {@code allowed}. */
    static Section of(YamlNode node, Set<String> allowed) {
        return new Section(node, node.entries(allowed));
    }

    YamlNode node() {
        return node;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    YamlNode at(String key) {
        YamlNode n = entries.get(key);
        if (n == null) throw node.error("missing key '" + key + "'");
        return n;
    }

    /** An error located at {@code key}'s value when present, else at the mapping. */
    SpecException error(String key, String problem) {
        return (has(key) ? entries.get(key) : node).error(problem);
    }

    String text(String key, String fallback) {
        return has(key) ? at(key).asString() : fallback;
    }

    double number(String key, double fallback) {
        return has(key) ? at(key).asDouble() : fallback;
    }

    /** A number ≥ 0. */
    double nonNegative(String key, double fallback) {
        double v = number(key, fallback);
        if (!(v >= 0)) throw error(key, "must be >= 0, got " + v);
        return v;
    }

    /** A number &gt; 0. */
    double positive(String key, double fallback) {
        double v = number(key, fallback);
        if (!(v > 0)) throw error(key, "must be > 0, got " + v);
        return v;
    }

    int positiveInt(String key, int fallback) {
        return has(key) ? at(key).asPositiveInt() : fallback;
    }

    long seed(String key, long fallback) {
        if (!has(key)) return fallback;
        String s = at(key).asString().trim();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw at(key).error("expected an integer seed, got \"" + s + "\"");
        }
    }

    String choice(String key, String fallback, Set<String> allowed) {
        if (!has(key)) return fallback;
        String v = at(key).asString();
        if (!allowed.contains(v)) throw at(key).error("must be one of " + String.join(", ", new TreeSet<>(allowed)) + ", got '" + v + "'");
        return v;
    }
}
