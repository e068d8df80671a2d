package dev.gradflow.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a model spec's {@code layers} list. Each entry becomes one child of the built {@code Sequential},
 * so its index in the list is its index in PyTorch's parameter names ({@code 0.weight}, {@code 2.bias}, …).
 * Entries nested in a block (a residual branch) are named below it ({@code 3.branch.0.weight}).
 */
public sealed interface LayerSpec {

    /** The entry's kind as written in the spec: "linear", "relu", "residual", … */
    String kind();

    /** The entry as plain YAML data (a string or a one-key mapping), for writing a spec back out. */
    Object toYaml();

    private static Object entry(String kind, Map<String, Object> options) {
        return options.isEmpty() ? kind : Map.of(kind, options);
    }

    /**
     * {@code - linear: {out: 128, init: he_normal, bias: true}}: a fully connected layer. {@code init} names a weight
     * initializer (PyTorch's default U(−1/√in, 1/√in) when absent), optionally with parameters as in
     * {@code torch.nn.init}: {@code init: {xavier_normal: {gain: 3}}}; {@code bias_init} names one for the bias.
     *
     * @param initParameters the weight initializer's parameters by name (numbers as Double, mode and nonlinearity
     *                       as String); empty for none
     */
    record Linear(int out, String init, String biasInit, boolean bias, Map<String, Object> initParameters) implements LayerSpec {
        public Linear {
            initParameters = initParameters == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(initParameters));
            if (init == null && !initParameters.isEmpty()) {
                throw new IllegalArgumentException("linear: initializer parameters " + initParameters + " need an initializer name");
            }
        }

        /** A layer whose initializer (if any) takes its default parameters. */
        public Linear(int out, String init, String biasInit, boolean bias) {
            this(out, init, biasInit, bias, Map.of());
        }

        public String kind() {
            return "linear";
        }

        public Object toYaml() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("out", out);
            if (init != null) m.put("init", initParameters.isEmpty() ? init : Map.of(init, new LinkedHashMap<>(initParameters)));
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

    /** {@code - batchnorm}: BatchNorm over features ([N, C]) or channels ([N, C, H, W]), chosen by the input. */
    record BatchNorm() implements LayerSpec {
        public String kind() {
            return "batchnorm";
        }

        public Object toYaml() {
            return "batchnorm";
        }
    }

    /** {@code - layernorm}: LayerNorm over the features of a vector input. */
    record LayerNorm() implements LayerSpec {
        public String kind() {
            return "layernorm";
        }

        public Object toYaml() {
            return "layernorm";
        }
    }

    /** {@code - conv2d: {out: 16, kernel: 3, stride: 1, padding: 1, init: he_normal, bias: true}} over [N, C, H, W]. */
    record Conv2d(int out, int kernel, int stride, int padding, String init, boolean bias) implements LayerSpec {
        public String kind() {
            return "conv2d";
        }

        public Object toYaml() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("out", out);
            m.put("kernel", kernel);
            if (stride != 1) m.put("stride", stride);
            if (padding != 0) m.put("padding", padding);
            if (init != null) m.put("init", init);
            if (!bias) m.put("bias", false);
            return Map.of("conv2d", m);
        }
    }

    /** {@code - maxpool2d: {kernel: 2, stride: 2}} or {@code avgpool2d}; stride defaults to the kernel size. */
    record Pool(String kind, int kernel, int stride) implements LayerSpec {
        public Object toYaml() {
            return Map.of(kind, Map.of("kernel", kernel, "stride", stride));
        }
    }

    /** {@code - global_avg_pool}: [N, C, H, W] → [N, C]. */
    record GlobalAvgPool() implements LayerSpec {
        public String kind() {
            return "global_avg_pool";
        }

        public Object toYaml() {
            return "global_avg_pool";
        }
    }

    /** {@code - flatten}: [N, …] → [N, product]. */
    record Flatten() implements LayerSpec {
        public String kind() {
            return "flatten";
        }

        public Object toYaml() {
            return "flatten";
        }
    }

    /**
     * A residual block y = P(x) + α·F(x) (then an activation after the addition in the post-activation form).
     * Either an explicit branch — {@code - residual: {layers: [...], scale: 1.0, activation: relu}} where
     * {@code activation} (optional) is applied after the addition — or a standard two-layer block —
     * {@code - residual: {out: 64, form: post|pre, norm: batchnorm|layernorm|none, activation: relu}}.
     * A projection (Linear, or 1×1 conv for images) is added when the branch changes the shape.
     * {@code zero_init_last: true} zeroes the branch's last layer so the block starts as its skip path.
     *
     * @param branch     the explicit branch, or empty for a standard block
     * @param out        output width of a standard block (0 with an explicit branch)
     * @param form       "post" or "pre" (standard blocks)
     * @param norm       "batchnorm", "layernorm" or "none" (standard blocks)
     * @param activation activation name: inside a standard block, or after the addition for an explicit branch (null = none)
     */
    record Residual(List<LayerSpec> branch, int out, String form, String norm, String activation, double scale,
                    boolean zeroInitLast) implements LayerSpec {
        public Residual {
            branch = List.copyOf(branch);
        }

        public String kind() {
            return "residual";
        }

        public Object toYaml() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (!branch.isEmpty()) {
                List<Object> ls = new ArrayList<>();
                for (LayerSpec l : branch) ls.add(l.toYaml());
                m.put("layers", ls);
            } else {
                m.put("out", out);
                m.put("form", form);
                m.put("norm", norm);
            }
            if (activation != null) m.put("activation", activation);
            if (scale != 1.0) m.put("scale", scale);
            if (zeroInitLast) m.put("zero_init_last", true);
            return entry("residual", m);
        }
    }

    /**
     * {@code - dense_block: {layers: 4, growth: 16, norm: batchnorm, activation: relu}}: DenseNet's concatenating block;
     * each inner layer [norm, activation, Linear(growth) or 3×3 conv] sees all earlier outputs.
     */
    record DenseBlock(int layers, int growth, String norm, String activation) implements LayerSpec {
        public String kind() {
            return "dense_block";
        }

        public Object toYaml() {
            return Map.of("dense_block", new LinkedHashMap<>(Map.of("layers", layers, "growth", growth, "norm", norm, "activation", activation)));
        }
    }
}
