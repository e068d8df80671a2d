package dev.gradflow.spec;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A read-only view of a YAML document that remembers, for every entry, where it came from (file, line, column)
 * and its path from the root ({@code layers[2].linear.out}), so that every spec error can name the place.
 *
 * <p>Built on SnakeYAML's composed node tree; only plain data is read (no tags, no object construction), so
 * loading a spec never runs code.
 */
public final class YamlNode {
    private final Node node;
    private final String source;
    private final String path;
    /** Nodes placed into this tree from other documents by {@link #withEntry}, with their sources. */
    private final Map<Node, String> placed;

    private YamlNode(Node node, String source, String path) {
        this(node, source, path, Map.of());
    }

    private YamlNode(Node node, String source, String path, Map<Node, String> placed) {
        this.node = node;
        this.source = source;
        this.path = path;
        this.placed = placed;
    }

    /** The view of a child node: its own source when it was placed from another document, else this one's. */
    private YamlNode child(Node child, String childPath) {
        return new YamlNode(child, placed.getOrDefault(child, source), childPath, placed);
    }

    /** Parses a YAML file. */
    public static YamlNode load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(file.toString(), 0, 0, "", Files.exists(file) ? "cannot be read: " + e.getMessage() : "file does not exist");
        }
        return parse(text, file.toString());
    }

    /** Parses YAML text; {@code source} names it in errors. */
    public static YamlNode parse(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(8 * 1024 * 1024);
        try (Reader reader = new StringReader(text)) {
            Node root = new Yaml(options).compose(reader);
            if (root == null) throw new SpecException(source, 0, 0, "", "the document is empty");
            return new YamlNode(root, source, "");
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = "invalid YAML: " + (e.getProblem() == null ? e.getMessage() : e.getProblem());
            throw new SpecException(source, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, "", problem);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new SpecException(source, 0, 0, "", "invalid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new SpecException(source, 0, 0, "", e.getMessage());
        }
    }

    public String source() {
        return source;
    }

    public String path() {
        return path;
    }

    public int line() {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    public int column() {
        return node.getStartMark() == null ? 0 : node.getStartMark().getColumn() + 1;
    }

    /** An error located at this entry. */
    public SpecException error(String problem) {
        return new SpecException(source, line(), column(), path, problem);
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    private String kind() {
        return isMap() ? "a mapping" : isList() ? "a list" : "\"" + ((ScalarNode) node).getValue() + "\"";
    }

    /** The entries of a mapping in document order (keys must be plain strings). */
    public Map<String, YamlNode> entries() {
        if (!(node instanceof MappingNode map)) throw error("expected a mapping (key: value), got " + kind());
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw child(t.getKeyNode(), path).error("keys must be plain names");
            }
            String k = key.getValue();
            out.put(k, child(t.getValueNode(), path.isEmpty() ? k : path + "." + k));
        }
        return out;
    }

    /** The entries of a mapping, after checking every key is one of {@code allowed}. */
    public Map<String, YamlNode> entries(Set<String> allowed) {
        Map<String, YamlNode> e = entries();
        for (String k : e.keySet()) {
            if (!allowed.contains(k)) {
                throw e.get(k).error("unknown key '" + k + "'; allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
        return e;
    }

    /** The elements of a list. */
    public List<YamlNode> elements() {
        if (!(node instanceof SequenceNode seq)) throw error("expected a list, got " + kind());
        List<YamlNode> out = new ArrayList<>();
        List<Node> items = seq.getValue();
        for (int i = 0; i < items.size(); i++) out.add(child(items.get(i), path + "[" + i + "]"));
        return out;
    }

    /** The text of a scalar. */
    public String asString() {
        if (!(node instanceof ScalarNode s)) throw error("expected a single value, got " + kind());
        return s.getValue();
    }

    public int asInt() {
        String s = asString().trim();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error("expected an integer, got \"" + s + "\"");
        }
    }

    /** An integer ≥ 1. */
    public int asPositiveInt() {
        int v = asInt();
        if (v < 1) throw error("expected a positive integer, got " + v);
        return v;
    }

    public double asDouble() {
        String s = asString().trim();
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) throw error("expected a finite number, got \"" + s + "\"");
            return v;
        } catch (NumberFormatException e) {
            throw error("expected a number, got \"" + s + "\"");
        }
    }

    /**
     * A copy of this tree in which the entry at {@code keys} (mapping keys from here down; a number steps into a
     * list) holds {@code value}, for experiment overrides. Missing mappings on the way are created; only the
     * entries on the path are copied, so this tree is unchanged. The value keeps the place it was written (its
     * source, line and column), so an error in it points there, under the path it now has.
     *
     * @throws SpecException located at {@code value} when the path runs through a single value, or through a list
     *     with a key that is not one of its indices
     */
    public YamlNode withEntry(List<String> keys, YamlNode value) {
        if (keys.isEmpty()) throw value.error("an override needs a key");
        Map<Node, String> sources = new java.util.IdentityHashMap<>(placed);
        sources.putAll(value.placed);
        if (!value.source.equals(source)) sources.put(value.node, value.source);
        return new YamlNode(replaced(node, keys, 0, value), source, path, java.util.Collections.unmodifiableMap(sources));
    }

    private Node replaced(Node current, List<String> keys, int depth, YamlNode value) {
        String key = keys.get(depth);
        String where = String.join(".", keys.subList(0, depth));
        boolean last = depth == keys.size() - 1;
        if (current instanceof SequenceNode seq) {
            List<Node> items = new ArrayList<>(seq.getValue());
            int index;
            try {
                index = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                index = -1;
            }
            if (index < 0 || index >= items.size()) {
                throw value.error("cannot set " + String.join(".", keys) + ": " + where + " is a list of " + items.size()
                        + " entries, and '" + key + "' is not one of its indices (0 to " + (items.size() - 1) + ")");
            }
            items.set(index, last ? value.node : replaced(items.get(index), keys, depth + 1, value));
            return new SequenceNode(seq.getTag(), true, items, seq.getStartMark(), seq.getEndMark(), seq.getFlowStyle());
        }
        if (!(current instanceof MappingNode map)) {
            throw value.error("cannot set " + String.join(".", keys) + ": " + where + " is a single value, not a mapping");
        }
        List<NodeTuple> tuples = new ArrayList<>(map.getValue());
        for (int i = 0; i < tuples.size(); i++) {
            NodeTuple t = tuples.get(i);
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                Node replacement = last ? value.node : replaced(t.getValueNode(), keys, depth + 1, value);
                tuples.set(i, new NodeTuple(t.getKeyNode(), replacement));
                return copy(map, tuples);
            }
        }
        Node keyNode = new ScalarNode(org.yaml.snakeyaml.nodes.Tag.STR, key, value.node.getStartMark(), value.node.getEndMark(),
                org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN);
        Node empty = new MappingNode(org.yaml.snakeyaml.nodes.Tag.MAP, true, new ArrayList<>(), value.node.getStartMark(),
                value.node.getEndMark(), org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        tuples.add(new NodeTuple(keyNode, last ? value.node : replaced(empty, keys, depth + 1, value)));
        return copy(map, tuples);
    }

    private static MappingNode copy(MappingNode map, List<NodeTuple> tuples) {
        return new MappingNode(map.getTag(), true, tuples, map.getStartMark(), map.getEndMark(), map.getFlowStyle());
    }

    public boolean asBoolean() {
        String s = asString().trim();
        return switch (s) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("expected true or false, got \"" + s + "\"");
        };
    }
}
