package dev.gradflow.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ResidualTest {
    private static final ResidualOptions TANH = ResidualOptions.defaults().withActivation(PointwiseFunction.Tanh.INSTANCE);

    @Test
    void outputIsSkipPlusScaledBranch() {
        RandomGenerator r = ModuleChecks.random(1);
        Linear inner = new Linear(3, 3, r);
        Residual block = new Residual(new Sequential(inner)).withBranchScale(0.25f);
        Tensor x = Tensor.randn(r, 2, 3);
        float[] branch = inner.forward(x).data();
        float[] y = block.forward(x).data();
        for (int i = 0; i < y.length; i++) assertEquals(x.data()[i] + 0.25f * branch[i], y[i], 1e-6f);
        Residual activated = block.withActivationAfterAdd(Activation.of("relu"));
        float[] z = activated.forward(x).data();
        for (int i = 0; i < z.length; i++) assertEquals(Math.max(0f, y[i]), z[i], 1e-6f);
    }

    @Test
    void gradientsWithoutProjection() {
        RandomGenerator r = ModuleChecks.random(2);
        ModuleChecks.assertGradientsMatch(Residual.dense(4, 4, TANH, r), Tensor.randn(r, 5, 4), 3);
        Residual pre = Residual.dense(4, 4, TANH.withForm(ResidualForm.PRE_ACTIVATION).withNormalization(Normalization.LAYER_NORM)
                .withBranchScale(0.5f), r);
        ModuleChecks.assertGradientsMatch(pre, Tensor.randn(r, 3, 4), 4);
    }

    @Test
    void gradientsWithProjection() {
        RandomGenerator r = ModuleChecks.random(5);
        Residual dense = Residual.dense(3, 5, TANH.withNormalization(Normalization.NONE), r);
        assertTrue(dense.projection() instanceof Linear);
        ModuleChecks.assertGradientsMatch(dense, Tensor.randn(r, 4, 3), 6);
        Residual conv = Residual.convolutional(2, 3, 2, TANH, r);
        assertTrue(conv.projection() instanceof Conv2d c && c.window().kernelHeight() == 1);
        assertEquals(Shape.of(2, 3, 3, 3), conv.forward(Tensor.zeros(2, 2, 5, 5)).shape());
        ModuleChecks.assertGradientsMatch(conv, Tensor.randn(r, 2, 2, 5, 5), 7);
    }

    @Test
    void preActivationConvolutionalGradients() {
        RandomGenerator r = ModuleChecks.random(8);
        Residual conv = Residual.convolutional(2, 2, 1, TANH.withForm(ResidualForm.PRE_ACTIVATION), r);
        assertNull(conv.projection());
        ModuleChecks.assertGradientsMatch(conv, Tensor.randn(r, 2, 2, 4, 4), 9);
    }

    @Test
    void zeroInitializedBranchStartsAsIdentity() {
        RandomGenerator r = ModuleChecks.random(10);
        ResidualOptions zero = ResidualOptions.defaults().withBranchInit(BranchInit.ZERO_LAST_LAYER);
        Tensor x = Tensor.randn(r, 4, 6);
        for (Normalization norm : Normalization.values()) {
            Residual pre = Residual.dense(6, 6, zero.withForm(ResidualForm.PRE_ACTIVATION).withNormalization(norm), r);
            assertArrayEquals(x.data(), pre.forward(x).data(), "pre-activation, " + norm);
        }
        // Post-activation: the activation after the addition remains, y = relu(x).
        Residual post = Residual.dense(6, 6, zero, r);
        BatchNorm last = (BatchNorm) post.branch().get(4);
        assertArrayEquals(new float[6], last.weight().data(), "γ of the last batch norm is zero");
        float[] y = post.forward(x).data();
        for (int i = 0; i < y.length; i++) assertEquals(Math.max(0f, x.data()[i]), y[i]);
        // Images, pre-activation: the last conv's weight and bias are zero.
        Tensor images = Tensor.randn(r, 2, 3, 4, 4);
        Residual conv = Residual.convolutional(3, 3, 1, zero.withForm(ResidualForm.PRE_ACTIVATION), r);
        assertArrayEquals(images.data(), conv.forward(images).data());
        // With a projection the block starts as y = P(x).
        Residual projected = Residual.dense(6, 2, zero.withForm(ResidualForm.PRE_ACTIVATION), r);
        assertArrayEquals(projected.projection().forward(x).data(), projected.forward(x).data());
    }

    @Test
    void zeroInitNeedsAParameterizedLayer() {
        Residual block = new Residual(new Sequential(Activation.of("tanh")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, block::zeroInitLastLayer);
        assertTrue(e.getMessage().contains("residual"), e.getMessage());
    }

    @Test
    void zeroInitIsAGoodStartForTheGradient() {
        // At identity the gradient reaching x through the skip path is the cotangent itself.
        RandomGenerator r = ModuleChecks.random(11);
        Residual block = Residual.dense(3, 3, ResidualOptions.defaults().withForm(ResidualForm.PRE_ACTIVATION)
                .withBranchInit(BranchInit.ZERO_LAST_LAYER), r);
        Tensor x = Tensor.randn(r, 2, 3).requiresGrad(true);
        Tensor seed = Tensor.randn(r, 2, 3);
        block.forward(x).backward(seed);
        assertArrayEquals(seed.data(), x.grad().data(), 1e-6f);
    }

    @Test
    void namesFollowPyTorchNestedNaming() {
        RandomGenerator r = ModuleChecks.random(12);
        Residual block = Residual.dense(3, 4, ResidualOptions.defaults(), r);
        assertEquals(List.of("branch.0.weight", "branch.1.weight", "branch.1.bias", "branch.3.weight", "branch.4.weight",
                "branch.4.bias", "projection.weight"), List.copyOf(block.namedParameters().keySet()));
        Sequential net = new Sequential(new Linear(2, 3, r), Activation.of("relu"), new Linear(3, 3, r), block);
        assertTrue(net.namedParameters().containsKey("3.branch.0.weight"));
        assertTrue(net.namedParameters().containsKey("3.projection.weight"));
        assertTrue(net.namedBuffers().containsKey("3.branch.1.running_mean"));
        List<String> state = List.copyOf(net.stateDict().keySet());
        assertEquals(List.of("3.branch.1.weight", "3.branch.1.bias", "3.branch.1.running_mean", "3.branch.1.running_var",
                "3.branch.1.num_batches_tracked", "3.branch.3.weight"), state.subList(state.indexOf("3.branch.1.weight"),
                state.indexOf("3.branch.3.weight") + 1));
        assertEquals("3.projection.weight", state.get(state.size() - 1));
    }

    @Test
    void childrenExposeTheBranchAndModeReachesIt() {
        Residual block = Residual.dense(3, 3, ResidualOptions.defaults(), ModuleChecks.random(13));
        assertSame(block.branch(), block.children().get(0));
        assertEquals(5, block.branch().size());
        block.setMode(Mode.EVALUATION);
        assertEquals(Mode.EVALUATION, ((BatchNorm) block.branch().get(1)).mode());
    }

    @Test
    void shapeMismatchWithoutProjectionIsNamed() {
        Residual block = new Residual(new Sequential(new Linear(3, 4, ModuleChecks.random(14))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> block.forward(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("residual") && e.getMessage().contains("[2, 4]") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("projection"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Residual.convolutional(2, 2, 1, ResidualOptions.defaults().withNormalization(Normalization.LAYER_NORM), ModuleChecks.random(15)));
    }
}
