package dev.gradflow.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    static final String SEED = """
            input: 10
            layers:
              - linear: {out: 128, init: he_normal}
              - relu
              - linear: {out: 64}
              - relu
              - linear: {out: 1}
            loss: mse
            """;

    @Test
    void readsTheArticleModel() {
        ModelSpec spec = ModelSpec.parse(SEED, "seed.yaml");
        assertEquals(List.of(10), spec.input());
        assertEquals(5, spec.layers().size());
        assertEquals(new LayerSpec.Linear(128, "he_normal", null, true), spec.layers().get(0));
        assertEquals("relu", spec.layers().get(1).kind());
        assertEquals("mse", spec.loss().name());
    }

    @Test
    void roundTripsThroughYaml() {
        ModelSpec spec = ModelSpec.parse("""
                input: [1, 28, 28]
                layers:
                  - linear: {out: 8, bias: false}
                  - leaky_relu: {slope: 0.2}
                  - dropout: {p: 0.25}
                loss: {cross_entropy: {label_smoothing: 0.1}}
                """, "x.yaml");
        assertEquals(spec, ModelSpec.parse(spec.toYaml(), "again"));
        assertEquals(Map.of("slope", 0.2), ((LayerSpec.Activation) spec.layers().get(1)).parameters());
    }

    @Test
    void unknownLayerNamesIndexLineAndKnownKinds() {
        SpecException e = assertThrows(SpecException.class, () -> ModelSpec.parse("""
                input: 4
                layers:
                  - linear: {out: 3}
                  - relux
                """, "m.yaml"));
        assertTrue(e.getMessage().startsWith("m.yaml:4:5: layers[1]: layer 1: unknown layer 'relux'"), e.getMessage());
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
    }

    @Test
    void unknownKeyAndBadValueNameTheEntry() {
        SpecException key = assertThrows(SpecException.class, () -> ModelSpec.parse("""
                input: 4
                layers:
                  - linear: {out: 3, widht: 2}
                """, "m.yaml"));
        assertTrue(key.getMessage().contains("layers[0].linear.widht: unknown key 'widht'"), key.getMessage());
        assertEquals(3, key.line());

        SpecException value = assertThrows(SpecException.class, () -> ModelSpec.parse("""
                input: 4
                layers:
                  - linear: {out: abc}
                """, "m.yaml"));
        assertTrue(value.getMessage().contains("layers[0].linear.out: expected an integer, got \"abc\""), value.getMessage());

        SpecException top = assertThrows(SpecException.class, () -> ModelSpec.parse("input: 4\nlayerz: []\n", "m.yaml"));
        assertTrue(top.getMessage().contains("unknown key 'layerz'"), top.getMessage());
    }

    @Test
    void malformedYamlNamesTheLine() {
        SpecException e = assertThrows(SpecException.class, () -> ModelSpec.parse("input: 4\nlayers: [relu\n", "bad.yaml"));
        assertTrue(e.getMessage().startsWith("bad.yaml:"), e.getMessage());
        assertTrue(e.line() > 0);
    }

    @Test
    void dropoutProbabilityIsChecked() {
        SpecException e = assertThrows(SpecException.class,
                () -> ModelSpec.parse("input: 4\nlayers:\n  - dropout: {p: 1.5}\n", "m.yaml"));
        assertTrue(e.getMessage().contains("p must be in [0, 1)"), e.getMessage());
    }
}
