package dev.gradflow.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.check.GradientCheck;
import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** Finite-difference checks of the conv, pooling and normalization ops, plus known values and shape errors. */
class LayerOpsGradientTest {

    private static RandomGenerator random(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    private static Tensor randn(RandomGenerator r, int... dims) {
        return Tensor.randn(r, dims).requiresGrad(true);
    }

    private static void assertPasses(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, long seed) {
        GradientCheck.Result result = GradientCheck.check(f, inputs, random(seed));
        assertTrue(result.passed(), result.toString());
    }

    @Test
    void conv2dGradientsWithStrideAndPadding() {
        RandomGenerator r = random(1);
        Tensor x = randn(r, 2, 3, 7, 6);
        Tensor w = randn(r, 4, 3, 3, 2);
        Tensor b = randn(r, 4);
        Window2d window = new Window2d(3, 2, 2, 1, 1, 2);
        assertPasses(in -> ConvOps.conv2d(in.get(0), in.get(1), in.get(2), window), List.of(x, w, b), 2);
    }

    @Test
    void conv2dOneByOneTakesTheDirectPathAndMatchesItsGradients() {
        RandomGenerator r = random(3);
        Tensor x = randn(r, 2, 3, 4, 5);
        Tensor w = randn(r, 2, 3, 1, 1);
        assertPasses(in -> ConvOps.conv2d(in.get(0), in.get(1), null, Window2d.square(1, 1, 0)), List.of(x, w), 4);
    }

    @Test
    void conv2dOneByOneEqualsAPerPixelLinearMap() {
        // y[n, f, h, w] = Σ_c W[f, c]·x[n, c, h, w] + b[f]
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, 1, 2, 2, 2);
        Tensor w = Tensor.of(new float[] {1, 0.5f}, 1, 2, 1, 1);
        Tensor b = Tensor.vector(-1f);
        Tensor y = ConvOps.conv2d(x, w, b, Window2d.square(1, 1, 0));
        assertArrayEquals(new float[] {5, 11, 17, 23}, y.data());
    }

    @Test
    void conv2dShapeErrorNamesTheShapes() {
        Tensor x = Tensor.zeros(2, 3, 8, 8);
        Tensor w = Tensor.zeros(4, 1, 3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv2d(x, w, null, Window2d.square(3, 1, 0)));
        assertTrue(e.getMessage().contains("[2, 3, 8, 8]") && e.getMessage().contains("in_channels = 1"), e.getMessage());
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv2d(Tensor.zeros(1, 1, 2, 2), w, null, Window2d.square(3, 1, 0)));
        assertTrue(tooSmall.getMessage().contains("[1, 1, 2, 2]"), tooSmall.getMessage());
    }

    @Test
    void maxPoolGradientsWithPadding() {
        RandomGenerator r = random(5);
        Tensor x = randn(r, 2, 2, 5, 6);
        Window2d window = new Window2d(3, 2, 2, 2, 1, 1);
        assertPasses(in -> PoolOps.maxPool2d(in.get(0), window), List.of(x), 6);
    }

    @Test
    void maxPoolSendsTheGradientToTheFirstOfTiedMaxima() {
        Tensor x = Tensor.of(new float[] {1, 3, 3, 2}, 1, 1, 2, 2).requiresGrad(true);
        Tensor y = PoolOps.maxPool2d(x, Window2d.square(2, 2, 0));
        assertArrayEquals(new float[] {3}, y.data());
        y.sum().backward();
        assertArrayEquals(new float[] {0, 1, 0, 0}, x.grad().data());
    }

    @Test
    void avgPoolGradientsWithPaddingCountedInTheDivisor() {
        RandomGenerator r = random(7);
        Tensor x = randn(r, 2, 2, 5, 6);
        Window2d window = new Window2d(3, 2, 2, 1, 1, 1);
        assertPasses(in -> PoolOps.avgPool2d(in.get(0), window), List.of(x), 8);
        // count_include_pad: the corner window of a 2×2 ones image with padding 1 holds one real pixel of four.
        Tensor ones = Tensor.ones(1, 1, 2, 2);
        assertEquals(0.25f, PoolOps.avgPool2d(ones, Window2d.square(2, 2, 1)).data()[0]);
    }

    @Test
    void poolingRejectsPaddingLargerThanHalfTheKernel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PoolOps.maxPool2d(Tensor.zeros(1, 1, 4, 4), Window2d.square(2, 2, 2)));
        assertTrue(e.getMessage().contains("max_pool2d"), e.getMessage());
    }

    @Test
    void globalAvgPoolGradients() {
        Tensor x = randn(random(9), 2, 3, 4, 5);
        assertPasses(in -> PoolOps.globalAvgPool2d(in.get(0)), List.of(x), 10);
    }

    @Test
    void batchNormTrainingGradientsOverFeaturesAndChannels() {
        RandomGenerator r = random(11);
        Tensor x = randn(r, 5, 3);
        Tensor w = randn(r, 3);
        Tensor b = randn(r, 3);
        assertPasses(in -> NormOps.batchNorm(in.get(0), in.get(1), in.get(2), 1e-5f, null, null), List.of(x, w, b), 12);
        Tensor images = randn(r, 3, 2, 3, 4);
        Tensor w2 = randn(r, 2);
        Tensor b2 = randn(r, 2);
        assertPasses(in -> NormOps.batchNorm(in.get(0), in.get(1), in.get(2), 1e-5f, null, null), List.of(images, w2, b2), 13);
    }

    @Test
    void batchNormReportsBatchMeanAndBiasedVariance() {
        Tensor x = Tensor.matrix(new float[][] {{1, 10}, {3, 10}, {5, 40}});
        float[] mean = new float[2];
        float[] variance = new float[2];
        NormOps.batchNorm(x, null, null, 1e-5f, mean, variance);
        assertArrayEquals(new float[] {3, 20}, mean, 1e-6f);
        assertArrayEquals(new float[] {8f / 3, 200}, variance, 1e-4f);
    }

    @Test
    void batchNormRejectsOneValuePerChannelInTraining() {
        assertThrows(IllegalArgumentException.class, () -> NormOps.batchNorm(Tensor.zeros(1, 3), null, null, 1e-5f, null, null));
    }

    @Test
    void batchNormInferenceGradients() {
        RandomGenerator r = random(14);
        Tensor x = randn(r, 2, 3, 2, 2);
        Tensor w = randn(r, 3);
        Tensor b = randn(r, 3);
        float[] mean = {0.5f, -1f, 2f};
        float[] variance = {1.5f, 0.25f, 4f};
        assertPasses(in -> NormOps.batchNormInference(in.get(0), in.get(1), in.get(2), mean, variance, 1e-5f), List.of(x, w, b), 15);
    }

    @Test
    void layerNormGradientsOverTwoTrailingDimensions() {
        RandomGenerator r = random(16);
        Tensor x = randn(r, 2, 3, 2, 4);
        Tensor w = randn(r, 2, 4);
        Tensor b = randn(r, 2, 4);
        assertPasses(in -> NormOps.layerNorm(in.get(0), new int[] {2, 4}, in.get(1), in.get(2), 1e-5f), List.of(x, w, b), 17);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NormOps.layerNorm(Tensor.zeros(2, 5), new int[] {4}, null, null, 1e-5f));
        assertTrue(e.getMessage().contains("[2, 5]") && e.getMessage().contains("[4]"), e.getMessage());
    }
}
