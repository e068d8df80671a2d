package dev.gradflow.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.diagnostics.ModelAnatomy;
import dev.gradflow.nn.Sequential;
import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpTemplateTest {

    private static ModelSpec model(String mlp) {
        return ModelSpec.parse("mlp: " + mlp + "\nloss: mse\n", "m.yaml");
    }

    private static List<String> kinds(List<LayerSpec> layers) {
        return layers.stream().map(LayerSpec::kind).toList();
    }

    @Test
    void plainExpandsToDepthHiddenLayersAndAnOutputLayer() {
        ModelSpec spec = model("{input: 5, width: 7, depth: 2, activation: tanh, norm: batchnorm, dropout: 0.25, output: 3}");
        assertEquals(List.of(5), spec.input());
        assertEquals(List.of("linear", "batchnorm", "tanh", "dropout", "linear", "batchnorm", "tanh", "dropout", "linear"), kinds(spec.layers()));
        assertEquals(new LayerSpec.Linear(7, null, null, true), spec.layers().getFirst());
        assertEquals(new LayerSpec.Linear(3, null, null, true), spec.layers().getLast());
        Sequential built = ModelFactory.build(spec, new SplittableRandom(0)).model();
        assertEquals(List.of(4, 3), List.of(built.forward(Tensor.zeros(4, 5)).dims()[0], built.forward(Tensor.zeros(4, 5)).dims()[1]));
        // the usual parameter names: entry i's parameters are i.weight, i.bias
        assertTrue(built.namedParameters().containsKey("8.weight"));
    }

    @Test
    void everyFormHasDepthPlusOneWeightLayers() {
        for (String connections : List.of("plain", "residual", "dense")) {
            for (int depth : List.of(1, 2, 6)) {
                ModelSpec spec = model("{input: 4, width: 6, depth: " + depth + ", connections: " + connections + "}");
                Sequential built = ModelFactory.build(spec, new SplittableRandom(1)).model();
                assertEquals(depth + 1, ModelAnatomy.of(built).depth(), connections + " depth " + depth);
                assertEquals("0", ModelAnatomy.of(built).layers().getFirst().name());
            }
        }
    }

    @Test
    void residualBlocksArePreActivationBranchesOnAnIdentitySkip() {
        ModelSpec spec = model("{input: 4, width: 6, depth: 3, activation: sigmoid, norm: layernorm, connections: residual, output: 2}");
        assertEquals(List.of("linear", "residual", "residual", "layernorm", "sigmoid", "linear"), kinds(spec.layers()));
        LayerSpec.Residual block = (LayerSpec.Residual) spec.layers().get(1);
        assertEquals(List.of("layernorm", "sigmoid", "linear"), kinds(block.branch()));
        assertTrue(ModelFactory.build(spec, new SplittableRandom(0)).model().namedParameters().containsKey("1.branch.2.weight"));
    }

    @Test
    void denseIsAStemADenseBlockAndAHead() {
        ModelSpec spec = model("{input: 4, width: 6, depth: 4, activation: relu, connections: dense}");
        assertEquals(List.of("linear", "dense_block", "relu", "linear"), kinds(spec.layers()));
        assertEquals(new LayerSpec.DenseBlock(3, 6, "none", "relu"), spec.layers().get(1));
        Sequential built = ModelFactory.build(spec, new SplittableRandom(0)).model();
        assertEquals(List.of(6 + 3 * 6), List.of(built.namedParameters().get("3.weight").dims()[1]));
    }

    @Test
    void initializerIsStandardMatchedANameOrANameWithParameters() {
        assertEquals(new LayerSpec.Linear(64, null, null, true), model("{input: 2, depth: 1, init: standard}").layers().getFirst());
        assertEquals(new LayerSpec.Linear(64, "he_normal", null, true), model("{input: 2, depth: 1, init: matched}").layers().getFirst());
        assertEquals(new LayerSpec.Linear(64, "xavier_normal", null, true, Map.of("gain", 5.0 / 3.0)),
                model("{input: 2, depth: 1, activation: tanh, init: matched}").layers().getFirst());
        assertEquals(new LayerSpec.Linear(64, "lecun_normal", null, true),
                model("{input: 2, depth: 1, activation: selu, init: matched}").layers().getFirst());
        assertEquals(new LayerSpec.Linear(64, "xavier_normal", null, true),
                model("{input: 2, depth: 1, activation: sigmoid, init: matched}").layers().getFirst());
        assertEquals(new LayerSpec.Linear(1, "xavier_normal", null, true, Map.of("gain", 3.0)),
                model("{input: 2, depth: 1, init: {xavier_normal: {gain: 3}}}").layers().getLast());
    }

    @Test
    void initializerParametersScaleTheWeights() {
        // xavier_normal: Var(W) = gain²·2/(fan_in + fan_out); with fan_in = fan_out = 200 and gain 3, n·Var(W) = 9
        ModelSpec spec = ModelSpec.parse("input: 200\nlayers:\n  - linear: {out: 200, init: {xavier_normal: {gain: 3}}}\n", "m.yaml");
        double gain = ModelAnatomy.of(ModelFactory.build(spec, new SplittableRandom(0)).model()).layers().getFirst().gain();
        assertEquals(9.0, gain, 0.2);
        assertEquals(spec, ModelSpec.parse(spec.toYaml(), "again"));
    }

    @Test
    void errorsNameTheKey() {
        SpecException e = assertThrows(SpecException.class, () -> model("{input: 2, depth: 0}"));
        assertTrue(e.getMessage().startsWith("m.yaml:1:24: mlp.depth: expected a positive integer, got 0"), e.getMessage());
        e = assertThrows(SpecException.class, () -> model("{input: 2}"));
        assertTrue(e.getMessage().contains("mlp: missing key 'depth'"), e.getMessage());
        e = assertThrows(SpecException.class, () -> model("{input: 2, depth: 2, connections: skip}"));
        assertTrue(e.getMessage().contains("mlp.connections: must be one of dense, plain, residual, got 'skip'"), e.getMessage());
        e = assertThrows(SpecException.class, () -> model("{input: 2, depth: 2, connections: dense, init: he_normal}"));
        assertTrue(e.getMessage().contains("mlp.init: with connections: dense, init must be standard"), e.getMessage());
        e = assertThrows(SpecException.class, () -> model("{input: 2, depth: 2, dropout: 1}"));
        assertTrue(e.getMessage().contains("mlp.dropout: dropout must be in [0, 1)"), e.getMessage());
        e = assertThrows(SpecException.class, () -> model("{input: 2, depth: 2, init: he_normall}"));
        assertTrue(e.getMessage().contains("mlp.init: unknown initializer 'he_normall'"), e.getMessage());
        e = assertThrows(SpecException.class, () -> ModelSpec.parse("input: 2\nlayers: [relu]\nmlp: {input: 2, depth: 1}\n", "m.yaml"));
        assertTrue(e.getMessage().contains("give either an 'mlp' template or 'input' and 'layers', not both"), e.getMessage());
    }

    @Test
    void linearInitializersWithParametersAreCheckedWhenRead() {
        SpecException e = assertThrows(SpecException.class, () -> ModelSpec.parse(
                "input: 2\nlayers:\n  - linear: {out: 3, init: {he_normal: {mode: fan_sideways}}}\n", "m.yaml"));
        assertTrue(e.getMessage().startsWith("m.yaml:3:28: layers[0].linear.init: "), e.getMessage());
        e = assertThrows(SpecException.class, () -> ModelSpec.parse(
                "input: 2\nlayers:\n  - linear: {out: 3, bias_init: {constant: {value: 1}}}\n", "m.yaml"));
        assertTrue(e.getMessage().contains("give the initializer's name only here"), e.getMessage());
        ModelSpec ok = ModelSpec.parse("input: 2\nlayers:\n  - linear: {out: 3, init: {he_normal: {mode: fan_out}}, bias_init: zeros}\n", "m.yaml");
        assertEquals(new LayerSpec.Linear(3, "he_normal", "zeros", true, Map.of("mode", "fan_out")), ok.layers().getFirst());
    }

    @Test
    void withEntryReplacesOrAddsOneEntryAndLeavesTheTreeAlone() {
        YamlNode root = YamlNode.parse("a: {b: 1, c: [x, y]}\nd: 2\n", "base.yaml");
        YamlNode value = YamlNode.parse("v: [5]\n", "other.yaml").entries().get("v");
        YamlNode changed = root.withEntry(List.of("a", "c", "1"), YamlNode.parse("z", "s.yaml"))
                .withEntry(List.of("e", "f"), value);
        assertEquals("z", changed.entries().get("a").entries().get("c").elements().get(1).asString());
        assertEquals("y", root.entries().get("a").entries().get("c").elements().get(1).asString());
        YamlNode placed = changed.entries().get("e").entries().get("f");
        assertEquals("e.f", placed.path());
        assertEquals("other.yaml", placed.source());
        assertEquals("other.yaml", placed.elements().getFirst().source());
        assertEquals("base.yaml", changed.entries().get("d").source());
        SpecException e = assertThrows(SpecException.class, () -> root.withEntry(List.of("a", "c", "7"), value));
        assertTrue(e.getMessage().contains("a.c is a list of 2 entries, and '7' is not one of its indices"), e.getMessage());
    }
}
