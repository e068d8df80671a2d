package dev.gradflow.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.diagnostics.GradientFlowProbe;
import dev.gradflow.diagnostics.LayerStats;
import dev.gradflow.diagnostics.ProbeConfig;
import dev.gradflow.diagnostics.StepRecord;
import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelFactoryTest {

    private static ModelFactory.Built build(String yaml) {
        return ModelFactory.build(ModelSpec.parse(yaml, "test.yaml"), new SplittableRandom(0));
    }

    @Test
    void seedModelHasPyTorchNamesAndShapes() {
        ModelFactory.Built b = build(ModelSpecTest.SEED);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"), List.copyOf(b.model().namedParameters().keySet()));
        assertArrayEquals(new int[] {128, 10}, b.model().namedParameters().get("0.weight").dims());
        assertEquals("mse", b.loss().name());
        assertArrayEquals(new int[] {1}, b.outputShape());
    }

    @Test
    void sameSeedSameWeights() {
        float[] a = build(ModelSpecTest.SEED).model().namedParameters().get("2.weight").toArray();
        float[] b = build(ModelSpecTest.SEED).model().namedParameters().get("2.weight").toArray();
        assertArrayEquals(a, b);
    }

    @Test
    void smallCnnInfersShapes() {
        ModelFactory.Built b = build("""
                input: [1, 28, 28]
                layers:
                  - conv2d: {out: 8, kernel: 3, padding: 1, init: he_normal}
                  - relu
                  - maxpool2d: {kernel: 2}
                  - conv2d: {out: 16, kernel: 3, padding: 1}
                  - batchnorm
                  - relu
                  - maxpool2d: {kernel: 2}
                  - flatten
                  - linear: {out: 10}
                loss: cross_entropy
                """);
        assertArrayEquals(new int[] {10, 784}, b.model().namedParameters().get("8.weight").dims());
        Tensor out = b.model().forward(Tensor.zeros(2, 1, 28, 28));
        assertArrayEquals(new int[] {2, 10}, out.dims());
        assertTrue(b.model().stateDict().containsKey("4.running_mean"));
    }

    @Test
    void residualBlocksAreNamedAndProbedInside() {
        ModelFactory.Built b = build("""
                input: 6
                layers:
                  - linear: {out: 8}
                  - residual:
                      layers:
                        - linear: {out: 8}
                        - tanh
                        - linear: {out: 8}
                      activation: relu
                  - residual: {out: 4, form: pre, norm: layernorm}
                  - linear: {out: 1}
                """);
        assertTrue(b.model().namedParameters().containsKey("1.branch.0.weight"), b.model().namedParameters().keySet().toString());
        assertTrue(b.model().namedParameters().containsKey("2.projection.weight"), b.model().namedParameters().keySet().toString());
        GradientFlowProbe probe = new GradientFlowProbe(b.model(), ProbeConfig.defaults());
        probe.beginStep(1);
        Tensor x = Tensor.randn(new SplittableRandom(1), 5, 6);
        Tensor loss = b.loss().compute(b.model().forward(x), Tensor.zeros(5, 1));
        loss.backward();
        probe.afterBackward(loss.item(), 0.1);
        StepRecord r = probe.endStep(Double.NaN, false);
        List<String> names = r.layers().stream().map(LayerStats::name).toList();
        assertTrue(names.containsAll(List.of("0", "1.branch.0", "1.branch.1", "1.branch.2", "1", "2.branch.0", "3")), names.toString());
        assertTrue(r.layers().stream().allMatch(l -> Double.isFinite(l.gradOutputRms())), r.layers().toString());
    }

    @Test
    void zeroInitLastMakesTheBlockTheIdentity() {
        ModelFactory.Built b = build("""
                input: 4
                layers:
                  - residual: {layers: [{linear: {out: 4}}, relu, {linear: {out: 4}}], zero_init_last: true}
                """);
        Tensor x = Tensor.randn(new SplittableRandom(2), 3, 4);
        assertArrayEquals(x.toArray(), b.model().forward(x).toArray());
    }

    @Test
    void layerOnTheWrongInputNamesItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build("""
                input: [1, 8, 8]
                layers:
                  - conv2d: {out: 2, kernel: 3}
                  - linear: {out: 10}
                """));
        assertTrue(e.getMessage().startsWith("layer 1 (linear): linear needs vector input"), e.getMessage());
        IllegalArgumentException init = assertThrows(IllegalArgumentException.class, () -> build("""
                input: 3
                layers:
                  - linear: {out: 2, init: he_nromal}
                """));
        assertTrue(init.getMessage().contains("layer 0 (linear)") && init.getMessage().contains("he_nromal"), init.getMessage());
    }
}
