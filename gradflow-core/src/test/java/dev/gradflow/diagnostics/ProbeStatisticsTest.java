package dev.gradflow.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Sequential;
import dev.gradflow.optim.Adam;
import dev.gradflow.optim.AdamConfig;
import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The probe's statistics against their definitions, computed literally in double. */
class ProbeStatisticsTest {

    @Test
    void parameterStatisticsFollowTheirDefinitions() {
        SplittableRandom random = new SplittableRandom(4);
        Tensor w = Tensor.randn(random, 13, 17).requiresGrad(true);
        float[] g = w.gradBuffer();
        for (int i = 0; i < g.length; i++) g[i] = i % 5 == 0 ? 0f : (float) random.nextGaussian();
        ParameterStats s = ParameterStatistics.of("w", w);
        double gSq = 0;
        double wSq = 0;
        double max = 0;
        int zeros = 0;
        for (int i = 0; i < g.length; i++) {
            gSq += (double) g[i] * g[i];
            wSq += (double) w.data()[i] * w.data()[i];
            max = Math.max(max, Math.abs(g[i]));
            if (g[i] == 0f) zeros++;
        }
        assertEquals(Math.sqrt(gSq), s.gradL2(), 1e-12 * Math.sqrt(gSq));
        assertEquals(Math.sqrt(gSq / g.length), s.gradRms(), 1e-12);
        assertEquals(max, s.gradMaxAbs());
        assertEquals((double) zeros / g.length, s.gradZeroFraction());
        assertEquals(0, s.nonFinite());
        assertEquals(Math.sqrt(wSq), s.weightL2(), 1e-12 * Math.sqrt(wSq));
    }

    @Test
    void nonFiniteGradientsAreCountedAndKeptOutOfTheMaximum() {
        Tensor w = Tensor.vector(1f, 2f, 3f, 4f).requiresGrad(true);
        float[] g = w.gradBuffer();
        g[0] = Float.NaN;
        g[1] = -3f;
        g[2] = Float.POSITIVE_INFINITY;
        ParameterStats s = ParameterStatistics.of("w", w);
        assertEquals(2, s.nonFinite());
        assertTrue(Double.isNaN(s.gradL2()));
        assertEquals(3.0, s.gradMaxAbs());
        assertEquals(0.25, s.gradZeroFraction());
    }

    @Test
    void updateMeterKeepsWhatTheOptimizerReports() {
        SplittableRandom random = new SplittableRandom(5);
        Tensor big = Tensor.randn(random, 20_000).requiresGrad(true);
        Tensor small = Tensor.randn(random, 7).requiresGrad(true);
        Tensor idle = Tensor.randn(random, 3).requiresGrad(true); // no gradient: the optimizer skips it
        for (Tensor p : new Tensor[] {big, small}) {
            float[] g = p.gradBuffer();
            for (int i = 0; i < g.length; i++) g[i] = (float) random.nextGaussian();
        }
        float[] bigBefore = big.data().clone();
        float[] smallBefore = small.data().clone();
        UpdateMeter meter = new UpdateMeter(new Tensor[] {big, idle, small});
        meter.reset();
        new Adam(List.of(big, small, idle), AdamConfig.defaults().withLearningRate(0.01)).step(meter);
        assertEquals(2, meter.reportedCount());
        assertFalse(meter.reported(1));
        double tolerance = 20_001 * 0x1p-25; // Adam's measuring loop adds squares in float lanes
        assertEquals(norm(bigBefore), meter.weightNormBefore(0), tolerance * norm(bigBefore));
        assertEquals(distance(big.data(), bigBefore), meter.updateNorm(0), tolerance * distance(big.data(), bigBefore));
        assertEquals(distance(small.data(), smallBefore), meter.updateNorm(2), tolerance * distance(small.data(), smallBefore));
        assertTrue(meter.updateNorm(0) > 0);
        meter.reset();
        assertEquals(0, meter.reportedCount());
        assertEquals(0.0, meter.updateNorm(0));
    }

    private static double norm(float[] x) {
        double s = 0;
        for (float v : x) s += (double) v * v;
        return Math.sqrt(s);
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    @Test
    void layerStatisticsFollowTheirDefinitions() {
        SplittableRandom random = new SplittableRandom(6);
        Sequential model = new Sequential(new Linear(5, 9, random), Activation.of("tanh"));
        Tensor x = Tensor.randn(random, 11, 5).mul(4f);
        Tensor y = model.forward(x).retainGrad();
        y.mul(y).sum().backward();
        LayerStats s = ActivationStatistics.of("1", model.get(1), y, ProbeConfig.defaults());
        float[] v = y.data();
        float[] g = y.grad().data();
        double sum = 0;
        double sumSq = 0;
        double gSq = 0;
        double gMax = 0;
        int saturated = 0;
        for (int i = 0; i < v.length; i++) {
            sum += v[i];
            sumSq += (double) v[i] * v[i];
            gSq += (double) g[i] * g[i];
            gMax = Math.max(gMax, Math.abs(g[i]));
            if (Math.abs(v[i]) > 0.99f) saturated++;
        }
        double mean = sum / v.length;
        assertEquals(mean, s.activationMean(), 1e-12);
        assertEquals(Math.sqrt(sumSq / v.length - mean * mean), s.activationStd(), 1e-9);
        assertEquals((double) saturated / v.length, s.saturatedFraction());
        assertTrue(saturated > 0, "the scaled input saturates some units");
        assertEquals(Math.sqrt(gSq / g.length) * 11, s.gradOutputRms(), 1e-9 * s.gradOutputRms());
        assertEquals(gMax * 11, s.gradOutputMax(), 1e-12);
    }

    @Test
    void deadUnitsAreThoseZeroForEveryExampleWhereverTheNonZeroValueIs() {
        int units = 6;
        int prefix = ActivationStatistics.DEAD_SCAN_PREFIX_ROWS;
        for (int batch : new int[] {1, 5, prefix, prefix + 1, 40}) {
            float[] y = new float[batch * units];
            for (int r = 0; r < batch; r++) {
                for (int u = 2; u < units; u++) y[r * units + u] = 1 + r + u;
            }
            // unit 0 is zero for every example: dead; unit 1 is zero except in the last example: alive.
            y[(batch - 1) * units + 1] = 0.5f;
            Tensor output = Tensor.of(y, batch, units);
            LayerStats s = ActivationStatistics.of("1", Activation.of("relu"), output, ProbeConfig.defaults());
            assertEquals(1.0 / units, s.deadFraction(), "batch " + batch);

            for (int r = 0; r < batch; r++) y[r * units] = 2f; // now no unit is dead
            assertEquals(0.0, ActivationStatistics.of("1", Activation.of("relu"), Tensor.of(y, batch, units), ProbeConfig.defaults())
                    .deadFraction(), "batch " + batch + ", no dead unit");
            y[1] = 3f; // and no unit is zero in the first examples either
            assertEquals(0.0, ActivationStatistics.of("1", Activation.of("relu"), Tensor.of(y, batch, units), ProbeConfig.defaults())
                    .deadFraction(), "batch " + batch + ", no unit zero in the first examples");
        }
    }
}
