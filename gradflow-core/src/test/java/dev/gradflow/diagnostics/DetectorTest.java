package dev.gradflow.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.diagnostics.TestModels.Law;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.Sequential;
import dev.gradflow.testing.Golden;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Detectors fire on broken networks, name the right layers and causes, and stay silent on healthy ones. */
class DetectorTest {

    private static List<Finding> preflight(IntFunction<Module> model, int input, int batch) {
        InitializationAnalysis.Result r = InitializationAnalysis.run(model, TestModels.MSE,
                TestModels.gaussianBatches(input, batch), 2, 2, ProbeConfig.defaults());
        return Diagnosis.findings(new DiagnosticContext(ModelAnatomy.of(r.firstModel()), List.of(r.averaged()), DetectorThresholds.defaults()));
    }

    private static Finding only(List<Finding> findings, Finding.Kind kind) {
        List<Finding> of = findings.stream().filter(f -> f.kind() == kind).toList();
        assertEquals(1, of.size(), "expected one " + kind + " finding in " + findings);
        return of.get(0);
    }

    /** The golden deep sigmoid MLP (8 hidden sigmoid layers of 16, PyTorch default init) on its own batch. */
    @Test
    void goldenDeepSigmoidMlpIsFlaggedVanishingAtTheFirstLayers() {
        JsonNode c = Golden.cases("networks.json").stream().filter(n -> n.get("name").asText().equals("deep_sigmoid_mlp")).findFirst().orElseThrow();
        List<Module> layers = new ArrayList<>();
        JsonNode params = c.get("params");
        for (JsonNode l : c.get("layers")) {
            if (l.get("kind").asText().equals("Linear")) {
                int index = layers.size();
                layers.add(new Linear(Golden.tensor(params.get(index + ".weight")), Golden.tensor(params.get(index + ".bias"))));
            } else {
                layers.add(Activation.of(l.get("kind").asText().toLowerCase()));
            }
        }
        Sequential model = new Sequential(layers);
        Tensor x = Golden.tensor(c.get("x"));
        Tensor y = Golden.tensor(c.get("y"));
        InitializationAnalysis.Result r = InitializationAnalysis.run(seed -> model, TestModels.MSE,
                (seed, index) -> new InitializationAnalysis.Batch(x, y), 1, 1, ProbeConfig.defaults());
        assertEquals(c.get("loss").asDouble(), r.averaged().loss(), 1e-5);
        List<Finding> findings = Diagnosis.findings(new DiagnosticContext(ModelAnatomy.of(model), List.of(r.averaged()), DetectorThresholds.defaults()));
        Finding v = only(findings, Finding.Kind.VANISHING);
        assertEquals("0", v.layers().get(0), "the first layer is where it vanishes: " + v.layers());
        assertTrue(v.cause().contains("sigmoid′(x) ≤ 0.25") && v.cause().contains("8 sigmoid layers"), v.cause());
        assertTrue(v.remedies().get(0).action().contains("ReLU"), v.remedies().toString());
        assertTrue(v.evidence().get("first_to_last_weight_grad_ratio") < 1e-3);
    }

    @Test
    void sameDepthWithReluAndHeInitIsNotFlagged() {
        List<Finding> findings = preflight(seed -> TestModels.mlp(8, 16, 8, "relu", Law.HE, 1.0, seed), 8, 64);
        assertFalse(findings.stream().anyMatch(f -> f.kind() == Finding.Kind.VANISHING), findings.toString());
    }

    @Test
    void healthyFourLayerReluNetworkHasNoFindings() {
        List<Finding> findings = preflight(seed -> TestModels.mlp(32, 64, 4, "relu", Law.HE, 1.0, seed), 32, 128);
        assertTrue(findings.isEmpty(), "a healthy network must not be flagged: " + findings);
    }

    @Test
    void weightsScaledThreeTimesAboveHeExplode() {
        List<Finding> findings = preflight(seed -> TestModels.mlp(32, 64, 10, "relu", Law.HE, 3.0, seed), 32, 128);
        Finding e = only(findings, Finding.Kind.EXPLODING);
        assertTrue(e.layers().contains("0"), e.layers().toString());
        assertTrue(e.cause().contains("n·Var(w)"), e.cause());
        assertEquals(Finding.Kind.EXPLODING, findings.get(0).kind(), "worst first: " + findings);
    }

    @Test
    void largeSigmoidWeightsAreSaturated() {
        List<Finding> findings = preflight(seed -> TestModels.mlp(32, 64, 3, "sigmoid", Law.HE, 6.0, seed), 32, 128);
        Finding s = only(findings, Finding.Kind.SATURATION);
        assertTrue(s.layers().contains("1"), s.layers().toString());
    }

    @Test
    void lossTrendDivergesAndStalls() {
        ModelAnatomy anatomy = ModelAnatomy.of(TestModels.mlp(4, 4, 1, "relu", Law.HE, 1.0, 1));
        List<StepRecord> rising = new ArrayList<>();
        for (int i = 1; i <= 5; i++) rising.add(new StepRecord(i, Math.pow(10, i), 0.5, Double.NaN, false, List.of(), List.of()));
        Finding d = only(Diagnosis.findings(new DiagnosticContext(anatomy, rising, DetectorThresholds.defaults())), Finding.Kind.DIVERGENT);
        assertTrue(d.cause().contains("learning rate"), d.cause());

        List<StepRecord> flat = new ArrayList<>();
        ParameterStats tiny = new ParameterStats("0.weight", 1e-3, 1e-4, 1e-3, 0, 0, 1.0, 1e-7, 1e-7);
        for (int i = 1; i <= 20; i++) flat.add(new StepRecord(i, 1.0 - 1e-4 * i, 1e-6, Double.NaN, false, List.of(), List.of(tiny)));
        only(Diagnosis.findings(new DiagnosticContext(anatomy, flat, DetectorThresholds.defaults())), Finding.Kind.STALLED);
    }

    @Test
    void nonFiniteLossIsCritical() {
        ModelAnatomy anatomy = ModelAnatomy.of(TestModels.mlp(4, 4, 1, "relu", Law.HE, 1.0, 1));
        List<StepRecord> rs = List.of(
                new StepRecord(1, 1.0, 0.1, Double.NaN, false, List.of(), List.of()),
                new StepRecord(2, Double.NaN, 0.1, Double.NaN, false, List.of(),
                        List.of(new ParameterStats("0.weight", Double.NaN, Double.NaN, 0, 0, 3, 1, Double.NaN, Double.NaN))));
        List<Finding> findings = Diagnosis.findings(new DiagnosticContext(anatomy, rs, DetectorThresholds.defaults()));
        assertEquals(Finding.Kind.NON_FINITE, findings.get(0).kind());
        assertEquals(Finding.Severity.CRITICAL, findings.get(0).severity());
        assertTrue(findings.get(0).cause().contains("0.weight"), findings.get(0).cause());
    }
}
