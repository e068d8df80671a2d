package dev.gradflow.spec;

import java.util.Map;

/**
 * One entry of a model spec's {@code layers} list. Each entry becomes one child of the built {@code Sequential},
 * so its index in the list is its index in PyTorch's parameter names ({@code 0.weight}, {@code 2.bias}, …).
 */
public sealed interface LayerSpec {

    /** The entry's kind as written in the spec: "linear", "relu", "dropout", … */
    String kind();

    /** The entry as plain YAML data (a string or a one-key mapping), for writing a spec back out. */
    Object toYaml();

    /**
     * {@code - linear: {out: 128, init: he_normal, bias: true}}: a fully connected layer. {@code init} names a weight
     * initializer (PyTorch's default U(−1/√in, 1/√in) when absent); {@code bias_init} likewise for the bias.
     */
    record Linear(int out, String init, String biasInit, boolean bias) implements LayerSpec {
        public String kind() {
            return "linear";
        }

        public Object toYaml() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("out", out);
            if (init != null) m.put("init", init);
            if (biasInit != null) m.put("bias_init", biasInit);
            if (!bias) m.put("bias", false);
            return Map.of("linear", m);
        }
    }

    /**
     * {@code - relu} or {@code - leaky_relu: {slope: 0.2}}: an activation; {@code parameters} holds the optional
     * settings (slope for leaky_relu, alpha for elu, beta/threshold for softplus, min/max for hardtanh).
     */
    record Activation(String name, Map<String, Double> parameters) implements LayerSpec {
        public Activation {
            parameters = Map.copyOf(parameters);
        }

        public String kind() {
            return name;
        }

        public Object toYaml() {
            return parameters.isEmpty() ? name : Map.of(name, new java.util.TreeMap<>(parameters));
        }
    }

    /** {@code - dropout: {p: 0.5}}: inverted dropout, active in training only. */
    record Dropout(double p) implements LayerSpec {
        public String kind() {
            return "dropout";
        }

        public Object toYaml() {
            return Map.of("dropout", Map.of("p", p));
        }
    }
}
