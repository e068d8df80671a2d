package dev.gradflow.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A multi-layer perceptron described by its shape rather than layer by layer, for experiments that vary depth,
 * activation, initialization, normalization or connections:
 * <pre>{@code
 * model:
 *   mlp: {input: 32, width: 64, depth: 10, activation: sigmoid, init: standard, norm: none,
 *         connections: plain, dropout: 0, output: 1}
 *   loss: mse
 * }</pre>
 * It expands into an ordinary {@code layers} list ({@link #layers()}), so parameter and probe names are the usual
 * ones. {@code depth} counts hidden layers of {@code width} units; every form has depth + 1 weight layers:
 * <ul>
 *   <li>{@code plain}: depth × [linear(width), norm?, activation, dropout?], then linear(output);</li>
 *   <li>{@code residual} (pre-activation blocks, He et al. 2016): linear(width), then depth − 1 ×
 *       residual [norm?, activation, linear(width), dropout?] (x + F(x)), then norm?, activation, linear(output);</li>
 *   <li>{@code dense} (DenseNet): linear(width), then a dense block of depth − 1 layers of growth {@code width}
 *       (each [norm?, activation, linear] on all earlier outputs), then norm?, activation, linear(output).</li>
 * </ul>
 * {@code init} applies to every linear layer: {@code standard} (PyTorch's default), {@code matched} (the
 * activation's usual match, see {@link #matchedInitializer(String)}), an initializer name, or a name with
 * parameters ({@code {xavier_normal: {gain: 3}}}). The dense block's own layers keep PyTorch's default, so with
 * {@code connections: dense} init must be standard and dropout 0.
 *
 * @param input       features per example
 * @param width       units per hidden layer
 * @param depth       hidden layers, ≥ 1
 * @param activation  activation name (as a layers entry: relu, tanh, sigmoid, selu, gelu, …)
 * @param init        the weight initializer of every linear layer ({@link InitializerSpec#NONE} for standard)
 * @param norm        "none", "batchnorm" or "layernorm", before each activation
 * @param connections "plain", "residual" or "dense"
 * @param dropout     dropout probability after each hidden activation (0 for none)
 * @param output      outputs of the last layer
 */
public record MlpTemplate(int input, int width, int depth, String activation, InitializerSpec init, String norm,
                          String connections, double dropout, int output) {
    static final int DEFAULT_WIDTH = 64;
    static final String DEFAULT_ACTIVATION = "relu";
    static final String DEFAULT_NORM = "none";
    static final String DEFAULT_CONNECTIONS = "plain";
    static final int DEFAULT_OUTPUT = 1;
    private static final Set<String> KEYS = Set.of("input", "width", "depth", "activation", "init", "norm", "connections", "dropout", "output");
    private static final Set<String> NORMS = Set.of("none", "batchnorm", "layernorm");
    private static final Set<String> CONNECTIONS = Set.of("plain", "residual", "dense");

    public MlpTemplate {
        if (input < 1 || width < 1 || depth < 1 || output < 1) {
            throw new IllegalArgumentException("mlp: input, width, depth and output must be >= 1, got " + input + ", " + width + ", " + depth + ", " + output);
        }
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("mlp: dropout must be in [0, 1), got " + dropout);
    }

    /** Reads the {@code mlp} mapping; every error names its key and line. */
    public static MlpTemplate parse(YamlNode node) {
        Map<String, YamlNode> e = node.entries(KEYS);
        for (String required : List.of("input", "depth")) {
            if (!e.containsKey(required)) throw node.error("missing key '" + required + "'");
        }
        String activation = e.containsKey("activation") ? choice(e.get("activation"), LayerSpecParser.ACTIVATIONS) : DEFAULT_ACTIVATION;
        InitializerSpec init = InitializerSpec.NONE;
        if (e.containsKey("init")) {
            YamlNode i = e.get("init");
            if (i.isScalar() && i.asString().equals("matched")) init = matchedInitializer(activation);
            else if (!(i.isScalar() && i.asString().equals("standard"))) init = InitializerSpec.parse(i);
        }
        String norm = e.containsKey("norm") ? choice(e.get("norm"), NORMS) : DEFAULT_NORM;
        String connections = e.containsKey("connections") ? choice(e.get("connections"), CONNECTIONS) : DEFAULT_CONNECTIONS;
        double dropout = 0;
        if (e.containsKey("dropout")) {
            dropout = e.get("dropout").asDouble();
            if (!(dropout >= 0 && dropout < 1)) throw e.get("dropout").error("dropout must be in [0, 1), got " + dropout);
        }
        if (connections.equals("dense")) {
            if (init.name() != null) throw at(e, "init", node).error("with connections: dense, init must be standard (the dense block's layers use PyTorch's default)");
            if (dropout > 0) throw e.get("dropout").error("with connections: dense, dropout must be 0 (the dense block has no dropout)");
        }
        return new MlpTemplate(e.get("input").asPositiveInt(), e.containsKey("width") ? e.get("width").asPositiveInt() : DEFAULT_WIDTH,
                e.get("depth").asPositiveInt(), activation, init, norm, connections, dropout,
                e.containsKey("output") ? e.get("output").asPositiveInt() : DEFAULT_OUTPUT);
    }

    private static YamlNode at(Map<String, YamlNode> entries, String key, YamlNode fallback) {
        return entries.getOrDefault(key, fallback);
    }

    private static String choice(YamlNode node, Set<String> allowed) {
        String v = node.asString();
        if (!allowed.contains(v)) throw node.error("must be one of " + String.join(", ", new TreeSet<>(allowed)) + ", got '" + v + "'");
        return v;
    }

    /**
     * The initializer usually matched to an activation, so that signal and gradient variance stay about constant
     * through depth: he_normal for the ReLU family (relu, leaky_relu, elu, gelu, gelu_tanh, silu, mish, softplus),
     * xavier_normal with gain 5/3 for tanh (torch.nn.init.calculate_gain), lecun_normal for selu, xavier_normal for
     * the others (sigmoid, identity, softsign, hardtanh).
     */
    public static InitializerSpec matchedInitializer(String activation) {
        return switch (activation) {
            case "relu", "leaky_relu", "elu", "gelu", "gelu_tanh", "silu", "mish", "softplus" -> new InitializerSpec("he_normal", Map.of());
            case "tanh" -> new InitializerSpec("xavier_normal", Map.of("gain", 5.0 / 3.0));
            case "selu" -> new InitializerSpec("lecun_normal", Map.of());
            default -> new InitializerSpec("xavier_normal", Map.of());
        };
    }

    /** The layers this template expands to (see the class comment). */
    public List<LayerSpec> layers() {
        List<LayerSpec> out = new ArrayList<>();
        switch (connections) {
            case "plain" -> {
                for (int i = 0; i < depth; i++) {
                    out.add(linear(width));
                    addNorm(out);
                    out.add(activationLayer());
                    if (dropout > 0) out.add(new LayerSpec.Dropout(dropout));
                }
            }
            case "residual" -> {
                out.add(linear(width));
                for (int i = 1; i < depth; i++) {
                    List<LayerSpec> branch = new ArrayList<>();
                    addNorm(branch);
                    branch.add(activationLayer());
                    branch.add(linear(width));
                    if (dropout > 0) branch.add(new LayerSpec.Dropout(dropout));
                    out.add(new LayerSpec.Residual(branch, 0, null, null, null, 1.0, false));
                }
                addNorm(out);
                out.add(activationLayer());
            }
            case "dense" -> {
                out.add(linear(width));
                if (depth > 1) out.add(new LayerSpec.DenseBlock(depth - 1, width, norm, activation));
                addNorm(out);
                out.add(activationLayer());
            }
            default -> throw new IllegalStateException("mlp: unknown connections " + connections);
        }
        out.add(linear(output));
        return out;
    }

    private LayerSpec linear(int units) {
        return new LayerSpec.Linear(units, init.name(), null, true, init.parameters());
    }

    private LayerSpec activationLayer() {
        return new LayerSpec.Activation(activation, Map.of());
    }

    private void addNorm(List<LayerSpec> layers) {
        switch (norm) {
            case "batchnorm" -> layers.add(new LayerSpec.BatchNorm());
            case "layernorm" -> layers.add(new LayerSpec.LayerNorm());
            default -> { }
        }
    }
}
