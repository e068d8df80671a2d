package dev.gradflow.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gradflow.testing.Mutator;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzz tests of the model spec parser ({@link ModelSpec#parse(String, String)}): a few thousand valid specs,
 * token- and character-level mutations of them, and YAML made from the spec's own vocabulary (anchors, aliases,
 * tags, flow and block style, huge and non-finite numbers), each from its own seed. Every input is either parsed
 * — and then survives {@link ModelSpec#toYaml()} and a second parse unchanged — or rejected with a
 * {@link SpecException} naming the source: no other exception, no hang.
 */
class ModelSpecFuzzTest {
    private static final long BASE_SEED = 0x59EC_0000L;
    private static final String SOURCE = "fuzz.yaml";

    static final List<String> VALID = List.of(
            ModelSpecTest.SEED,
            """
            input: [1, 8, 8]
            layers:
              - conv2d: {out: 4, kernel: 3, stride: 1, padding: 1, init: he_uniform}
              - batchnorm
              - relu
              - maxpool2d: {kernel: 2}
              - conv2d: {out: 8, kernel: 3, bias: false}
              - avgpool2d: {kernel: 2, stride: 1}
              - global_avg_pool
              - linear: {out: 10}
            loss: {cross_entropy: {label_smoothing: 0.1}}
            """,
            """
            input: 6
            layers:
              - linear: {out: 8, bias_init: zeros}
              - residual: {out: 8, form: pre, norm: layernorm, activation: gelu, scale: 0.5, zero_init_last: true}
              - residual:
                  layers: [{linear: {out: 8}}, tanh, {dropout: {p: 0.1}}, {linear: {out: 8}}]
                  activation: relu
              - dense_block: {layers: 2, growth: 4, norm: none, activation: elu}
              - layernorm
              - leaky_relu: {slope: 0.1}
              - softplus: {beta: 2, threshold: 10}
              - hardtanh: {min: -2, max: 2}
              - flatten
              - linear: {out: 1}
            loss: {huber: {delta: 0.5}}
            """,
            """
            input: 3
            layers: [linear: {out: 2}, sigmoid, {linear: {out: 1}}]
            loss: bce_with_logits
            """);

    private static final String[] VOCABULARY = {"input", "layers", "loss", ": ", ":", "- ", "-", "{", "}", "[", "]", ", ", ",", "\n",
            "\n  ", "\n    - ", "  ", "\t", "linear", "out", "init", "bias", "bias_init", "dropout", "p", "relu", "leaky_relu", "slope",
            "elu", "alpha", "softplus", "beta", "threshold", "hardtanh", "min", "max", "gelu", "conv2d", "kernel", "stride", "padding",
            "maxpool2d", "avgpool2d", "flatten", "global_avg_pool", "batchnorm", "layernorm", "residual", "form", "pre", "post", "norm",
            "none", "scale", "zero_init_last", "dense_block", "growth", "activation", "mse", "l1", "huber", "delta", "cross_entropy",
            "label_smoothing", "bce_with_logits", "he_normal", "xavier_uniform", "orthogonal", "zeros", "0", "1", "-1", "3", "0.5",
            "1.0", "1e309", "-1e309", "2147483647", "2147483648", "99999999999999999999", ".nan", ".inf", "-.inf", "0x10", "0o7", "1_000",
            "true", "false", "yes", "off", "null", "~", "&a ", "*a", "<<: *a", "!!str ", "!!int ", "!!float ", "!!binary ",
            "!!python/object:os.system ", "!foo ", "'", "\"", "\"\\u0000\"", "#", "|", ">-", "---", "...", "? ", "%YAML 1.1\n", "é",
            "😀", "\uFEFF", "\r\n", "{}", "[]", "{out: 2}", "[1, 2]", "[[1]]", "{a: {b: {c: 1}}}"};

    private enum Outcome { PARSED, REJECTED_AS_YAML, REJECTED_AS_SPEC }

    private static final Object[] VALUES = {0, 1, -1, 3, 0.5, -0.5, 1e300, Double.NaN, Double.POSITIVE_INFINITY, 2147483648L,
            "relu", "linear", "he_normal", "pre", "none", "", "x", true, false, null, List.of(), List.of(1, 2), Map.of(), Map.of("out", 2),
            Map.of("linear", Map.of("out", 0)), List.of(Map.of("linear", Map.of("out", 2)), "relu")};
    private static final String[] KEYS = {"input", "layers", "loss", "out", "p", "kernel", "stride", "padding", "init", "bias", "form",
            "norm", "scale", "activation", "growth", "slope", "delta", "label_smoothing", "unknown", "linear", "residual"};

    private static Outcome parseOrReject(String yaml, long seed, Mutator mutator) {
        ModelSpec spec;
        try {
            spec = ModelSpec.parse(yaml, SOURCE);
        } catch (SpecException e) {
            assertTrue(e.getMessage().startsWith(SOURCE), "seed " + seed + ": the message must name the source: " + e.getMessage());
            return e.getMessage().contains("invalid YAML") ? Outcome.REJECTED_AS_YAML : Outcome.REJECTED_AS_SPEC;
        } catch (Throwable t) {
            return fail("seed " + seed + " (" + mutator.description() + "):\n" + yaml + "\n→ " + t, t);
        }
        String again = spec.toYaml();
        try {
            assertEquals(spec, ModelSpec.parse(again, "round trip"), "seed " + seed + ": toYaml then parse changed the spec:\n" + again);
        } catch (SpecException e) {
            fail("seed " + seed + " (" + mutator.description() + "): the spec's own YAML does not parse:\n" + again + "\n→ " + e, e);
        }
        return Outcome.PARSED;
    }

    @Test
    void validSpecsParseAndRoundTrip() {
        for (String yaml : VALID) assertEquals(Outcome.PARSED, parseOrReject(yaml, -1, new Mutator(new SplittableRandom(0))));
    }

    @Test
    void mutatedSpecsAreParsedOrRejectedCleanly() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
            int cases = 2500;
            for (int i = 0; i < cases; i++) {
                long seed = BASE_SEED + i;
                SplittableRandom random = new SplittableRandom(seed);
                Mutator mutator = new Mutator(random);
                String valid = VALID.get(random.nextInt(VALID.size()));
                String yaml = switch (random.nextInt(4)) {
                    case 0 -> new String(mutator.mutateBytes(valid.getBytes(java.nio.charset.StandardCharsets.UTF_8), 2),
                            java.nio.charset.StandardCharsets.UTF_8);
                    case 1 -> mutator.mutateText(valid, VOCABULARY, 2);
                    default -> mutateStructure(valid, random, mutator);
                };
                outcomes.merge(parseOrReject(yaml, seed, mutator), 1, Integer::sum);
            }
            // The mutations reach every layer: the YAML parser, the spec's checks, and acceptance.
            for (Outcome o : Outcome.values()) assertTrue(outcomes.getOrDefault(o, 0) >= cases / 50, "too few ended as " + o + ": " + outcomes);
        });
    }

    /**
     * Valid YAML with 1 to 3 edits of its data: a value replaced by one of another type or range, a key removed, an
     * unknown key added, a list element duplicated or removed.
     */
    @SuppressWarnings("unchecked")
    private static String mutateStructure(String yaml, SplittableRandom random, Mutator mutator) {
        Object root = new org.yaml.snakeyaml.Yaml().load(yaml);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            List<Object> containers = new java.util.ArrayList<>();
            collect(root, containers);
            Object target = containers.get(random.nextInt(containers.size()));
            if (target instanceof Map<?, ?> m && !m.isEmpty()) {
                Map<Object, Object> map = (Map<Object, Object>) m;
                Object key = List.copyOf(map.keySet()).get(random.nextInt(map.size()));
                switch (random.nextInt(3)) {
                    case 0 -> {
                        Object value = VALUES[random.nextInt(VALUES.length)];
                        map.put(key, value);
                        mutator.note(key + " = " + value);
                    }
                    case 1 -> {
                        map.remove(key);
                        mutator.note("remove " + key);
                    }
                    default -> {
                        String added = KEYS[random.nextInt(KEYS.length)];
                        map.put(added, VALUES[random.nextInt(VALUES.length)]);
                        mutator.note("add " + added);
                    }
                }
            } else if (target instanceof List<?> l && !l.isEmpty()) {
                List<Object> list = (List<Object>) l;
                int at = random.nextInt(list.size());
                switch (random.nextInt(3)) {
                    case 0 -> {
                        list.set(at, VALUES[random.nextInt(VALUES.length)]);
                        mutator.note("element " + at + " = " + list.get(at));
                    }
                    case 1 -> {
                        list.remove(at);
                        mutator.note("remove element " + at);
                    }
                    default -> {
                        list.add(at, list.get(at));
                        mutator.note("repeat element " + at);
                    }
                }
            }
        }
        return new org.yaml.snakeyaml.Yaml().dump(root);
    }

    /** Every mutable map and list in the tree, copying immutable ones in place so they can be edited. */
    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<Object> out) {
        if (node instanceof Map<?, ?> m) {
            out.add(m);
            Map<Object, Object> map = (Map<Object, Object>) m;
            for (Object key : List.copyOf(map.keySet())) {
                Object child = copy(map.get(key));
                map.put(key, child);
                collect(child, out);
            }
        } else if (node instanceof List<?> l) {
            out.add(l);
            List<Object> list = (List<Object>) l;
            for (int i = 0; i < list.size(); i++) {
                Object child = copy(list.get(i));
                list.set(i, child);
                collect(child, out);
            }
        }
    }

    private static Object copy(Object node) {
        if (node instanceof Map<?, ?> m) return new java.util.LinkedHashMap<Object, Object>(m);
        if (node instanceof List<?> l) return new java.util.ArrayList<Object>(l);
        return node;
    }

    @Test
    void yamlMadeFromTheSpecVocabularyIsParsedOrRejectedCleanly() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 1500; i++) {
                long seed = BASE_SEED + 100_000 + i;
                SplittableRandom random = new SplittableRandom(seed);
                Mutator mutator = new Mutator(random);
                StringBuilder yaml = new StringBuilder(random.nextBoolean() ? "input: " + random.nextInt(-1, 5) + "\nlayers:\n" : "");
                int tokens = random.nextInt(60);
                for (int t = 0; t < tokens; t++) yaml.append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
                parseOrReject(yaml.toString(), seed, mutator);
            }
        });
    }

    @Test
    void aliasBombsAndDeepNestingAreRejected() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for (int i = 1; i < 12; i++) {
                bomb.append("a").append(i).append(": &a").append(i).append(" [");
                for (int j = 0; j < 10; j++) bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
                bomb.append("]\n");
            }
            bomb.append("input: 2\nlayers: *a11\n");
            assertEquals(Outcome.REJECTED_AS_YAML, parseOrReject(bomb.toString(), -2, new Mutator(new SplittableRandom(0))));
            String deep = "input: 2\nlayers: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
            assertEquals(Outcome.REJECTED_AS_YAML, parseOrReject(deep, -3, new Mutator(new SplittableRandom(0))));
        });
    }
}
