package dev.gradflow.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BatchNormTest {

    @Test
    void runningStatisticsFollowTheMomentumRecurrenceWithUnbiasedVariance() {
        BatchNorm bn = BatchNorm.features(2);
        // Batch 1: columns {1, 3} and {2, 6}: mean (2, 4), unbiased variance (2, 8).
        bn.forward(Tensor.matrix(new float[][] {{1, 2}, {3, 6}}));
        assertArrayEquals(new float[] {0.2f, 0.4f}, bn.runningMean().data(), 1e-6f);
        assertArrayEquals(new float[] {0.9f + 0.2f, 0.9f + 0.8f}, bn.runningVar().data(), 1e-6f);
        // Batch 2: columns {0, 4} and {0, 4}: mean (2, 2), unbiased variance (8, 8).
        bn.forward(Tensor.matrix(new float[][] {{0, 0}, {4, 4}}));
        assertArrayEquals(new float[] {0.38f, 0.56f}, bn.runningMean().data(), 1e-6f);
        assertArrayEquals(new float[] {1.79f, 2.33f}, bn.runningVar().data(), 1e-6f);
        assertEquals(2f, bn.numBatchesTracked().item());

        // Evaluation: y = γ(x − running_mean)/√(running_var + ε) + β with γ = (2, −1), β = (0.5, 0).
        bn.weight().data()[0] = 2f;
        bn.weight().data()[1] = -1f;
        bn.bias().data()[0] = 0.5f;
        bn.setMode(Mode.EVALUATION);
        Tensor y = bn.forward(Tensor.matrix(new float[][] {{1, 1}}));
        float expected0 = (float) (2 * (1 - 0.38) / Math.sqrt(1.79 + 1e-5) + 0.5);
        float expected1 = (float) (-(1 - 0.56) / Math.sqrt(2.33 + 1e-5));
        assertArrayEquals(new float[] {expected0, expected1}, y.data(), 1e-5f);
        assertEquals(2f, bn.numBatchesTracked().item(), "evaluation leaves the statistics alone");
        assertArrayEquals(new float[] {0.38f, 0.56f}, bn.runningMean().data(), 1e-6f);
    }

    @Test
    void recurrenceOverManyRandomBatchesOfImages() {
        RandomGenerator r = ModuleChecks.random(1);
        int channels = 3;
        BatchNorm bn = BatchNorm.channels(channels);
        double[] mean = new double[channels];
        double[] variance = {1, 1, 1};
        int k = 7;
        for (int step = 0; step < k; step++) {
            Tensor x = Tensor.normal(r, step, 1 + step, 4, channels, 2, 3);
            bn.forward(x);
            for (int c = 0; c < channels; c++) {
                int m = 4 * 2 * 3;
                double sum = 0;
                for (int n = 0; n < 4; n++) for (int s = 0; s < 6; s++) sum += x.data()[(n * channels + c) * 6 + s];
                double mu = sum / m;
                double squares = 0;
                for (int n = 0; n < 4; n++) {
                    for (int s = 0; s < 6; s++) squares += Math.pow(x.data()[(n * channels + c) * 6 + s] - mu, 2);
                }
                mean[c] = 0.9 * mean[c] + 0.1 * mu;
                variance[c] = 0.9 * variance[c] + 0.1 * squares / (m - 1);
            }
        }
        for (int c = 0; c < channels; c++) {
            assertEquals(mean[c], bn.runningMean().data()[c], 1e-4 * (1 + Math.abs(mean[c])), "running_mean " + c);
            assertEquals(variance[c], bn.runningVar().data()[c], 1e-4 * (1 + variance[c]), "running_var " + c);
        }
        assertEquals(k, bn.numBatchesTracked().item());
    }

    @Test
    void trainingNormalizesWithTheBatchAndEvaluationWithTheRunningStatistics() {
        BatchNorm bn = BatchNorm.features(1);
        Tensor x = Tensor.matrix(new float[][] {{10}, {20}});
        // Training: mean 15, biased variance 25 → x̂ = ∓5/√(25 + ε).
        float[] y = bn.forward(x).data();
        assertArrayEquals(new float[] {(float) (-5 / Math.sqrt(25 + 1e-5)), (float) (5 / Math.sqrt(25 + 1e-5))}, y, 1e-6f);
        // Evaluation after one batch: running mean 1.5, running variance 0.9 + 0.1·50 = 5.9.
        bn.setMode(Mode.EVALUATION);
        float[] z = bn.forward(x).data();
        assertArrayEquals(new float[] {(float) (8.5 / Math.sqrt(5.9 + 1e-5)), (float) (18.5 / Math.sqrt(5.9 + 1e-5))}, z, 1e-5f);
    }

    @Test
    void sequentialSetModeReachesTheLayer() {
        BatchNorm bn = BatchNorm.features(3);
        Sequential net = new Sequential(new Linear(2, 3, ModuleChecks.random(2)), bn);
        net.setMode(Mode.EVALUATION);
        assertEquals(Mode.EVALUATION, bn.mode());
        net.forward(Tensor.ones(4, 2));
        assertEquals(0f, bn.numBatchesTracked().item());
    }

    @Test
    void gradientsInTrainingModeMatchFiniteDifferences() {
        RandomGenerator r = ModuleChecks.random(3);
        BatchNorm features = BatchNorm.features(3);
        features.weight().data()[1] = -0.7f;
        features.bias().data()[2] = 0.3f;
        ModuleChecks.assertGradientsMatch(features, Tensor.randn(r, 6, 3), 4);
        ModuleChecks.assertGradientsMatch(BatchNorm.features(2), Tensor.randn(r, 3, 2, 4), 5);
        ModuleChecks.assertGradientsMatch(BatchNorm.channels(2), Tensor.randn(r, 2, 2, 3, 3), 6);
    }

    @Test
    void gradientsInEvaluationModeMatchFiniteDifferences() {
        RandomGenerator r = ModuleChecks.random(7);
        BatchNorm bn = BatchNorm.channels(2);
        bn.forward(Tensor.normal(r, 1f, 2f, 4, 2, 3, 3));
        bn.setMode(Mode.EVALUATION);
        ModuleChecks.assertGradientsMatch(bn, Tensor.randn(r, 2, 2, 3, 3), 8);
    }

    @Test
    void parametersAndBuffersUsePyTorchNames() {
        Sequential net = new Sequential(new Linear(2, 3, ModuleChecks.random(9)), BatchNorm.features(3));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), List.copyOf(net.namedParameters().keySet()));
        assertEquals(List.of("1.running_mean", "1.running_var", "1.num_batches_tracked"), List.copyOf(net.namedBuffers().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"),
                List.copyOf(net.stateDict().keySet()));
        BatchNorm bn = (BatchNorm) net.get(1);
        assertArrayEquals(new float[] {1, 1, 1}, bn.weight().data());
        assertArrayEquals(new float[] {0, 0, 0}, bn.bias().data());
        assertArrayEquals(new float[] {1, 1, 1}, bn.runningVar().data());
        assertEquals(0, bn.numBatchesTracked().rank());
    }

    @Test
    void shapeErrorsNameTheLayerAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNorm.channels(4).forward(Tensor.zeros(2, 3, 5, 5)));
        assertTrue(e.getMessage().contains("batch_norm2d") && e.getMessage().contains("[2, 3, 5, 5]")
                && e.getMessage().contains("num_features = 4"), e.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> BatchNorm.channels(3).forward(Tensor.zeros(2, 3)));
        assertTrue(rank.getMessage().contains("[N, 3, H, W]"), rank.getMessage());
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> BatchNorm.features(3).forward(Tensor.zeros(1, 3)));
        assertTrue(single.getMessage().contains("more than 1 value"), single.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm.Config(3, 1e-5f, 1.5f));
    }
}
