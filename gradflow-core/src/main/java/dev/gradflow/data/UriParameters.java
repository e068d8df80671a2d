package dev.gradflow.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code name=value&…} part of a dataset URI with typed, checked look-ups. Every error names the whole URI and
 * the parameter. Values are percent-decoded ({@code %20}, {@code %26}, …); {@code +} stays a plus sign.
 */
final class UriParameters {
    private final String uri;
    private final Map<String, String> values;

    private UriParameters(String uri, Map<String, String> values) {
        this.uri = uri;
        this.values = values;
    }

    /** Parses {@code query} (null or empty for none) of {@code uri}. */
    static UriParameters parse(String uri, String query) {
        Map<String, String> values = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                if (pair.isEmpty()) throw error(uri, "empty parameter (two '&' in a row, or a trailing '&' or '?')");
                if (eq < 0) throw error(uri, "parameter \"" + pair + "\" has no value (write " + pair + "=VALUE)");
                String name = pair.substring(0, eq).toLowerCase(Locale.ROOT);
                String value = pair.substring(eq + 1);
                if (name.isEmpty()) throw error(uri, "parameter \"" + pair + "\" has no name");
                if (value.isEmpty()) throw error(uri, "parameter " + name + " has no value");
                if (values.put(name, value) != null) throw error(uri, "parameter " + name + " is given twice");
            }
        }
        return new UriParameters(uri, values);
    }

    /** Fails when a parameter outside {@code allowed} is present, listing the allowed ones. */
    void allowOnly(String context, String... allowed) {
        List<String> names = Arrays.asList(allowed);
        for (String name : values.keySet()) {
            if (!names.contains(name)) {
                throw error(uri, "unknown parameter \"" + name + "\" for " + context + "; allowed: "
                        + (allowed.length == 0 ? "none" : String.join(", ", allowed)));
            }
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The decoded value, or {@code fallback} when absent. */
    String string(String name, String fallback) {
        String raw = values.get(name);
        return raw == null ? fallback : decode(uri, raw);
    }

    /** A comma-separated list of decoded items (each non-empty), or {@code fallback} when absent. */
    List<String> list(String name, List<String> fallback) {
        String raw = values.get(name);
        if (raw == null) return fallback;
        List<String> items = new ArrayList<>();
        for (String item : raw.split(",", -1)) {
            if (item.isEmpty()) throw error(uri, "parameter " + name + ": empty item in the list \"" + raw + "\"");
            items.add(decode(uri, item));
        }
        return items;
    }

    int positiveInt(String name, int fallback) {
        String raw = values.get(name);
        if (raw == null) return fallback;
        int value = parseInt(name, raw);
        if (value <= 0) throw error(uri, "parameter " + name + " must be a positive whole number, got " + raw);
        return value;
    }

    /** A list of whole numbers (any sign). */
    List<Integer> intList(String name, List<Integer> fallback) {
        List<String> items = list(name, null);
        if (items == null) return fallback;
        List<Integer> out = new ArrayList<>();
        for (String item : items) out.add(parseInt(name, item));
        return out;
    }

    float nonNegativeFloat(String name, float fallback) {
        String raw = values.get(name);
        if (raw == null) return fallback;
        float value = parseFloat(name, raw);
        if (!(value >= 0)) throw error(uri, "parameter " + name + " must be ≥ 0, got " + raw);
        return value;
    }

    /** A list of finite floats. */
    float[] floatList(String name) {
        List<String> items = list(name, null);
        if (items == null) return null;
        float[] out = new float[items.size()];
        for (int i = 0; i < out.length; i++) out[i] = parseFloat(name, items.get(i));
        return out;
    }

    long longValue(String name, long fallback) {
        String raw = values.get(name);
        if (raw == null) return fallback;
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw error(uri, "parameter " + name + ": \"" + raw + "\" is not a whole number");
        }
    }

    /** One of {@code choices} (keys lower-case, matched case-insensitively), or {@code fallback} when absent. */
    <T> T choice(String name, Map<String, T> choices, T fallback) {
        String raw = values.get(name);
        if (raw == null) return fallback;
        T value = choices.get(raw.toLowerCase(Locale.ROOT));
        if (value == null) {
            throw error(uri, "parameter " + name + ": \"" + raw + "\" is not one of " + String.join(", ", choices.keySet()));
        }
        return value;
    }

    IllegalArgumentException error(String message) {
        return error(uri, message);
    }

    static IllegalArgumentException error(String uri, String message) {
        return new IllegalArgumentException("dataset \"" + uri + "\": " + message);
    }

    private int parseInt(String name, String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw error(uri, "parameter " + name + ": \"" + raw + "\" is not a whole number");
        }
    }

    private float parseFloat(String name, String raw) {
        float value;
        try {
            value = raw.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?") ? Float.parseFloat(raw) : Float.NaN;
        } catch (NumberFormatException e) {
            value = Float.NaN;
        }
        if (!Float.isFinite(value)) throw error(uri, "parameter " + name + ": \"" + raw + "\" is not a finite number");
        return value;
    }

    /** Percent-decoding (UTF-8); '+' is not a space. */
    static String decode(String uri, String text) {
        if (text.indexOf('%') < 0) return text;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw error(uri, "incomplete percent escape in \"" + text + "\"");
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) throw error(uri, "bad percent escape \"" + text.substring(i, i + 3) + "\" in \"" + text + "\"");
                bytes.write(hi * 16 + lo);
                i += 3;
            } else {
                int cp = text.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Percent-encodes the characters that would end a path or value: % ? & # and, in list items, the comma. */
    static String encode(String text, boolean listItem) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '%' || c == '?' || c == '&' || c == '#' || (listItem && c == ',')) {
                out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
