package dev.gradflow.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.diagnostics.TestModels.Law;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The probes measure what theory predicts at initialization (width 256, averaged over batches and seeds).
 * With pre-activations z_l and g_l = ∂L/∂z_l, Var(g_l) = n·Var(w)·E[φ′(z_l)²]·Var(g_{l+1}) (He et al. 2015;
 * Glorot &amp; Bengio 2010 eq. 14), so the per-layer ratio of RMS(g_l) is √(n·Var(w)·E[φ′²]).
 */
class GradientFlowTheoryTest {
    private static final int WIDTH = 256;
    private static final int DEPTH = 10;

    /** RMS(∂L/∂z_l) / RMS(∂L/∂z_{l+1}) for consecutive hidden linear layers, input side first. */
    private static List<Double> backpropRatios(String activation, Law law) {
        InitializationAnalysis.Result r = InitializationAnalysis.run(
                seed -> TestModels.mlp(WIDTH, WIDTH, DEPTH, activation, law, 1.0, 17 + seed),
                TestModels.MSE, TestModels.gaussianBatches(WIDTH, 256), 2, 2, ProbeConfig.defaults());
        GradientFlowProfile p = GradientFlowProfile.of(ModelAnatomy.of(r.firstModel()), r.averaged());
        List<Double> ratios = new ArrayList<>();
        // Hidden linear layers only: the last point is the output layer, whose input side differs.
        for (int i = 0; i + 1 < p.points().size() - 1; i++) {
            ratios.add(p.points().get(i).backpropRms() / p.points().get(i + 1).backpropRms());
        }
        return ratios;
    }

    @Test
    void reluWithHeInitKeepsTheBackpropagatedGradientFlat() {
        for (double ratio : backpropRatios("relu", Law.HE)) {
            assertTrue(ratio > 0.75 && ratio < 1.25, "He/ReLU layer-to-layer ratio " + ratio + " outside ±25%");
        }
    }

    @Test
    void reluWithXavierInitShrinksItByOneOverRootTwoPerLayer() {
        List<Double> ratios = backpropRatios("relu", Law.XAVIER);
        double mean = ratios.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertEquals(1 / Math.sqrt(2), mean, 0.05, "mean ratio " + ratios);
    }

    @Test
    void tanhWithStandardInitLosesAThirdOfTheVariancePerLayer() {
        List<Double> ratios = backpropRatios("tanh", Law.STANDARD);
        // Deeper layers: activations have shrunk towards 0, where tanh′ ≈ 1, so Var ratio → n·Var(w) = 1/3.
        for (double r : ratios.subList(ratios.size() / 2, ratios.size())) {
            assertEquals(1.0 / 3, r * r, 0.06, "variance ratio in deep layers " + ratios);
        }
    }

    @Test
    void tanhWithXavierInitShrinksFarLessAndTendsTowardsOne() {
        List<Double> standard = backpropRatios("tanh", Law.STANDARD);
        List<Double> xavier = backpropRatios("tanh", Law.XAVIER);
        List<Double> variance = xavier.stream().map(r -> r * r).toList();
        // Mean-field: with n·Var(w) = 1 the ratio is E[tanh′(z_l)²]. The first layer sees Var(z) = 1, where
        // E[tanh′²] ≈ 0.46; deeper, Var(z_l) shrinks towards 0 and the ratio rises towards 1.
        assertEquals(0.46, variance.get(0), 0.05, "first-layer variance ratio " + variance);
        // Rising with depth, judged on thirds of the stack so that sampling noise of single layers does not decide.
        int third = variance.size() / 3;
        double early = mean(variance.subList(0, third));
        double middle = mean(variance.subList(third, 2 * third));
        double late = mean(variance.subList(2 * third, variance.size()));
        assertTrue(early < middle && middle < late, "ratios should rise with depth: " + variance);
        assertTrue(variance.get(variance.size() - 1) > 0.7, "deep ratios approach 1: " + variance);
        for (int i = 0; i < xavier.size(); i++) {
            assertTrue(xavier.get(i) > 1.15 * standard.get(i), "Xavier should shrink less than standard at layer " + i
                    + ": " + xavier + " vs " + standard);
        }
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
