package dev.gradflow.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed, located access to an untrusted JSON object: every accessor either returns a value of the expected type and
 * range or throws a {@link CheckpointException} naming the file and the field's path ({@code position.step}).
 */
final class JsonFields {
    private final JsonNode node;
    private final String source;
    private final String file;
    private final String path;

    JsonFields(JsonNode node, String source, String file, String path) {
        this.node = node;
        this.source = source;
        this.file = file;
        this.path = path;
        if (!node.isObject()) throw error(path.isEmpty() ? "the document" : path, "expected an object, got " + describe(node));
    }

    CheckpointException error(String field, String problem) {
        return new CheckpointException(source, file + ": " + field + ": " + problem);
    }

    private String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private JsonNode required(String name) {
        JsonNode value = node.get(name);
        if (value == null) throw error(at(name), "missing");
        return value;
    }

    JsonFields object(String name) {
        return new JsonFields(required(name), source, file, at(name));
    }

    /** The entries of an object, in document order. */
    List<Map.Entry<String, JsonNode>> entries(String name) {
        JsonNode value = required(name);
        if (!value.isObject()) throw error(at(name), "expected an object, got " + describe(value));
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        value.properties().forEach(out::add);
        return out;
    }

    /** The elements of an array, each required to be an object. */
    List<JsonFields> objects(String name) {
        JsonNode value = required(name);
        if (!value.isArray()) throw error(at(name), "expected an array, got " + describe(value));
        List<JsonFields> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) out.add(new JsonFields(value.get(i), source, file, at(name) + "[" + i + "]"));
        return out;
    }

    String text(String name) {
        JsonNode value = required(name);
        if (!value.isTextual()) throw error(at(name), "expected a string, got " + describe(value));
        return value.textValue();
    }

    long integer(String name, long min) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) throw error(at(name), "expected an integer, got " + describe(value));
        long v = value.longValue();
        if (v < min) throw error(at(name), "expected an integer >= " + min + ", got " + v);
        return v;
    }

    int smallInteger(String name, int min) {
        long v = integer(name, min);
        if (v > Integer.MAX_VALUE) throw error(at(name), "expected an integer <= " + Integer.MAX_VALUE + ", got " + v);
        return (int) v;
    }

    /** A number that round-trips a double exactly (JSON numbers written by {@link Double#toString}). */
    double number(String name) {
        JsonNode value = required(name);
        if (!value.isNumber()) throw error(at(name), "expected a number, got " + describe(value));
        double v = value.doubleValue();
        if (!Double.isFinite(v)) throw error(at(name), "expected a finite number, got " + value.asText());
        return v;
    }

    /** A number, or null standing for +infinity. */
    double numberOrInfinity(String name) {
        JsonNode value = required(name);
        return value.isNull() ? Double.POSITIVE_INFINITY : number(name);
    }

    static String describe(JsonNode value) {
        String text = value.toString();
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }
}
