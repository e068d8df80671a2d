package dev.gradflow.lab;

import dev.gradflow.spec.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Short text forms of YAML values, for variant names, summaries and tables. */
final class YamlText {
    private YamlText() {}

    /** YAML flow style: {@code adam}, {@code [2, 5]}, {@code {xavier_normal: {gain: 3}}}. */
    static String flow(YamlNode node) {
        if (node.isScalar()) return node.asString();
        List<String> parts = new ArrayList<>();
        if (node.isList()) {
            for (YamlNode e : node.elements()) parts.add(flow(e));
            return "[" + String.join(", ", parts) + "]";
        }
        for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) parts.add(e.getKey() + ": " + flow(e.getValue()));
        return "{" + String.join(", ", parts) + "}";
    }

    /**
     * A form fit for a folder name: scalars as written, mappings as {@code name(key=value,…)}, lists joined by
     * {@code +}; {@code {xavier_normal: {gain: 3}}} gives {@code xavier_normal(gain=3)}.
     */
    static String label(YamlNode node) {
        if (node.isScalar()) return node.asString();
        List<String> parts = new ArrayList<>();
        if (node.isList()) {
            for (YamlNode e : node.elements()) parts.add(label(e));
            return String.join("+", parts);
        }
        Map<String, YamlNode> entries = node.entries();
        if (entries.size() == 1) {
            Map.Entry<String, YamlNode> only = entries.entrySet().iterator().next();
            YamlNode value = only.getValue();
            if (value.isMap()) {
                for (Map.Entry<String, YamlNode> e : value.entries().entrySet()) parts.add(e.getKey() + "=" + label(e.getValue()));
                return only.getKey() + "(" + String.join(",", parts) + ")";
            }
        }
        for (Map.Entry<String, YamlNode> e : entries.entrySet()) parts.add(e.getKey() + "=" + label(e.getValue()));
        return "(" + String.join(",", parts) + ")";
    }
}
