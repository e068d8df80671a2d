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

    @Test
    void aTensorLargerThanAJavaArrayIsRefusedBeforeAllocation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build("""
                input: 10
                layers:
                  - linear: {out: 64}
                  - linear: {out: 2000000000}
                """));
        assertTrue(e.getMessage().startsWith("layer 1 (linear): its weight [2000000000, 64] would hold more than 2147483639 elements"),
                e.getMessage());
        IllegalArgumentException flatten = assertThrows(IllegalArgumentException.class, () -> build("""
                input: [60000, 60000, 3]
                layers:
                  - flatten
                """));
        assertTrue(flatten.getMessage().contains("would hold more than"), flatten.getMessage());
    }

    @Test
    void aModelLargerThanTheHeapNamesTheLayerThatTipsIt() {
        ModelSpec spec = ModelSpec.parse("""
                input: 100
                layers:
                  - linear: {out: 1000}
                  - relu
                  - dense_block: {layers: 2, growth: 1000}
                  - linear: {out: 1}
                """, "test.yaml");
        // 100·1000 + 1000·1000 = 1.1 M weights fit in 8 MiB (4.4 MB); the dense block's second layer, 2000·1000 more, does not.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFactory.build(spec, new SplittableRandom(0), new SizeLimits(8L << 20)));
        assertTrue(e.getMessage().startsWith("layer 2 (dense_block): its layer 1's weight [1000, 2000] brings the model to 3,100,000 parameters,"
                + " 11.8 MiB as float32, more than the JVM's maximum heap of 8.0 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("GRADFLOW_JAVA_OPTS=-Xmx"), e.getMessage());
        // The same spec builds with room to spare: linear 100→1000; the dense block's two layers, each BatchNorm
        // (γ, β) then a 1000-wide linear on 1000 and 2000 inputs; the last linear on 3000 features.
        long expected = (100 * 1000 + 1000) + (2 * 1000 + 1000 * 1000 + 1000) + (2 * 2000 + 2000 * 1000 + 1000) + (3000 + 1);
        assertEquals(expected, ModelFactory.build(spec, new SplittableRandom(0), new SizeLimits(1L << 30)).model().parameters()
                .stream().mapToLong(t -> t.size()).sum());
    }
}
