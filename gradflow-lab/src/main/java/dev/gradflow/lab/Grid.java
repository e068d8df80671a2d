package dev.gradflow.lab;

import dev.gradflow.spec.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code grid} of an experiment: a list of entries, each either one named variant or a product of values.
 * <pre>
 * grid:
 *   - name: baseline                                  # no change
 *   - name: adam
 *     set: {training.optimizer: adam, training.lr: 0.001}
 *   - product:                                        # 3 × 2 variants: depth=2,activation=relu, …
 *       model.mlp.depth: [2, 10, 50]
 *       model.mlp.activation: [relu, tanh]
 *     set: {training.steps: 200}                      # optional, applied to each
 *     name: deep                                      # optional prefix: deep,depth=2,activation=relu
 * </pre>
 * A product varies its first key slowest. Its variant names join {@code key=value} with commas, the key being the
 * last part of the dotted path (the whole path when two keys share that part), and values written as folder-name
 * text ({@code {xavier_normal: {gain: 3}}} → {@code xavier_normal(gain=3)}); characters outside letters, digits
 * and {@code . _ , = + ( ) @ -} become {@code _}. Names are unique.
 */
final class Grid {
    /** What a variant name may contain (it is also a folder name under variants/). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._,=+()@-]*");
    static final int MAX_NAME_LENGTH = 120;

    /** One variant as the grid defines it, before its overrides are applied. */
    record Entry(String name, List<SpecOverride> overrides, YamlNode at) {}

    private Grid() {}

    /** The variants of a {@code grid} list, in order, and the product axes (dotted path → values, in order). */
    record Expansion(List<Entry> entries, Map<String, List<String>> axes) {}

    static Expansion parse(YamlNode grid) {
        List<YamlNode> items = grid.isScalar() && grid.asString().isEmpty() ? List.of() : grid.elements();
        if (items.isEmpty()) throw grid.error("the grid lists no variants; give at least one entry (e.g. - name: baseline)");
        List<Entry> entries = new ArrayList<>();
        Map<String, List<String>> axes = new LinkedHashMap<>();
        for (YamlNode item : items) {
            Section s = Section.of(item, Set.of("name", "set", "product"));
            List<SpecOverride> common = s.has("set") ? overrides(s.at("set")) : List.of();
            if (!s.has("product")) {
                if (!s.has("name")) throw item.error("a grid entry needs a 'name' (or a 'product' of values)");
                entries.add(new Entry(explicitName(s.at("name")), common, item));
            } else {
                String prefix = s.has("name") ? explicitName(s.at("name")) : null;
                product(s.at("product"), common, prefix, item, entries, axes);
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (!seen.add(e.name())) throw e.at().error("two variants are named '" + e.name() + "'; names must be unique");
        }
        return new Expansion(entries, axes);
    }

    private static List<SpecOverride> overrides(YamlNode set) {
        List<SpecOverride> out = new ArrayList<>();
        for (Map.Entry<String, YamlNode> e : set.entries().entrySet()) out.add(SpecOverride.of(e.getKey(), e.getValue(), e.getValue()));
        return out;
    }

    private static void product(YamlNode product, List<SpecOverride> common, String prefix, YamlNode at, List<Entry> out,
                                Map<String, List<String>> axes) {
        Map<String, YamlNode> keys = product.entries();
        if (keys.isEmpty()) throw product.error("a product needs at least one dotted key with a list of values");
        List<String> paths = new ArrayList<>(keys.keySet());
        List<List<YamlNode>> values = new ArrayList<>();
        for (String path : paths) {
            YamlNode list = keys.get(path);
            SpecOverride.of(path, list, list);
            for (SpecOverride c : common) {
                if (c.path().equals(path)) throw list.error("'" + path + "' is both in the product and in 'set'");
            }
            List<YamlNode> items = list.elements();
            if (items.isEmpty()) throw list.error("'" + path + "' lists no values");
            values.add(items);
            List<String> axis = axes.computeIfAbsent(path, k -> new ArrayList<>());
            for (YamlNode v : items) if (!axis.contains(YamlText.flow(v))) axis.add(YamlText.flow(v));
        }
        List<String> labels = labels(paths);
        int[] index = new int[paths.size()];
        while (true) {
            List<SpecOverride> overrides = new ArrayList<>(common);
            List<String> parts = new ArrayList<>();
            for (int k = 0; k < paths.size(); k++) {
                YamlNode v = values.get(k).get(index[k]);
                overrides.add(SpecOverride.of(paths.get(k), v, v));
                parts.add(labels.get(k) + "=" + YamlText.label(v));
            }
            String name = (prefix == null ? "" : prefix + ",") + String.join(",", parts);
            out.add(new Entry(folderSafe(name), overrides, at));
            int k = paths.size() - 1;
            while (k >= 0 && ++index[k] == values.get(k).size()) index[k--] = 0;
            if (k < 0) return;
        }
    }

    /** The last part of each path, or the whole path where two last parts collide. */
    private static List<String> labels(List<String> paths) {
        List<String> last = new ArrayList<>();
        for (String p : paths) last.add(p.substring(p.lastIndexOf('.') + 1));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            out.add(java.util.Collections.frequency(last, last.get(i)) > 1 ? paths.get(i) : last.get(i));
        }
        return out;
    }

    private static String explicitName(YamlNode node) {
        String name = node.asString();
        if (!NAME.matcher(name).matches() || name.length() > MAX_NAME_LENGTH) {
            throw node.error("a variant name starts with a letter or digit and holds only letters, digits and . _ , = + ( ) @ - "
                    + "(at most " + MAX_NAME_LENGTH + " characters), got '" + name + "'");
        }
        return name;
    }

    static String folderSafe(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || "._,=+()@-".indexOf(c) >= 0);
            sb.append(ok ? c : '_');
        }
        if (sb.isEmpty() || !Character.isLetterOrDigit(sb.charAt(0))) sb.insert(0, 'v');
        return sb.length() > MAX_NAME_LENGTH ? sb.substring(0, MAX_NAME_LENGTH) : sb.toString();
    }
}
