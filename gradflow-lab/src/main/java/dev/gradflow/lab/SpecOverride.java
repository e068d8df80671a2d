package dev.gradflow.lab;

import dev.gradflow.spec.YamlNode;
import java.util.List;
import java.util.Set;

/**
 * One override of an experiment's base settings: a dotted path ({@code training.optimizer},
 * {@code model.mlp.depth}, {@code model.layers.2.linear.out}) and the YAML value to put there. The value keeps the
 * place it was written, so an error in it names that line.
 *
 * @param path  the dotted path as written
 * @param keys  the path cut at its dots
 * @param value the new value
 */
public record SpecOverride(String path, List<String> keys, YamlNode value) {
    /** The sections of an experiment that variants may change. */
    static final Set<String> SECTIONS = Set.of("data", "model", "training", "probes");

    public SpecOverride {
        keys = List.copyOf(keys);
    }

    /**
     * Reads a dotted path; {@code at} locates errors. The first key must name a section variants may change
     * (data, model, training, probes), and no key may be empty.
     */
    static SpecOverride of(String path, YamlNode value, YamlNode at) {
        List<String> keys = List.of(path.split("\\.", -1));
        for (String k : keys) {
            if (k.isBlank()) throw at.error("override '" + path + "' has an empty key; write keys separated by single dots, e.g. training.lr");
        }
        if (!SECTIONS.contains(keys.get(0))) {
            throw at.error("override '" + path + "': only data, model, training and probes can be overridden, not '" + keys.get(0) + "'"
                    + (keys.get(0).equals("seeds") ? " (on the command line: --seeds 1,2)" : ""));
        }
        return new SpecOverride(path, keys, value);
    }

    /** The value as short YAML text, for summaries: {@code adam}, {@code {xavier_normal: {gain: 3}}}. */
    public String valueText() {
        return YamlText.flow(value);
    }

    /** The tree with this override applied. */
    YamlNode applyTo(YamlNode root) {
        return root.withEntry(keys, value);
    }
}
