package dev.gradflow.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.autograd.Window2d;
import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Conv2d, the pools, Flatten and a small CNN built from them. */
class ConvolutionLayersTest {

    @Test
    void conv2dDefaultInitIsUniformWithinOneOverRootFanIn() {
        Conv2d conv = new Conv2d(3, 8, 3, 1, 1, ModuleChecks.random(1));
        float bound = (float) (1 / Math.sqrt(3 * 3 * 3));
        float largest = 0;
        for (float w : conv.weight().data()) largest = Math.max(largest, Math.abs(w));
        for (float b : conv.bias().data()) largest = Math.max(largest, Math.abs(b));
        assertTrue(largest <= bound, "largest |w| " + largest + " exceeds the bound " + bound);
        assertTrue(largest > 0.8f * bound, "216 draws should come near the bound, largest " + largest);
        assertEquals(List.of("weight", "bias"), List.copyOf(conv.namedParameters().keySet()));
        assertEquals(Shape.of(8, 3, 3, 3), conv.weight().shape());
        Conv2d again = new Conv2d(3, 8, 3, 1, 1, ModuleChecks.random(1));
        assertArrayEquals(conv.weight().data(), again.weight().data(), "same seed, same weights");
    }

    @Test
    void conv2dGradientsWithStrideAndPadding() {
        RandomGenerator r = ModuleChecks.random(2);
        Conv2d conv = new Conv2d(2, 3, new Window2d(3, 2, 2, 1, 1, 0), BiasTerm.WITH_BIAS, r);
        ModuleChecks.assertGradientsMatch(conv, Tensor.randn(r, 2, 2, 6, 5), 3);
        Conv2d withoutBias = new Conv2d(2, 2, Window2d.square(2, 2, 1), BiasTerm.WITHOUT_BIAS, r);
        assertEquals(List.of("weight"), List.copyOf(withoutBias.namedParameters().keySet()));
        ModuleChecks.assertGradientsMatch(withoutBias, Tensor.randn(r, 1, 2, 5, 5), 4);
    }

    @Test
    void conv2dOutputShapeFollowsTheWindow() {
        Conv2d conv = new Conv2d(1, 4, 3, 2, 1, ModuleChecks.random(5));
        assertEquals(Shape.of(2, 4, 4, 4), conv.forward(Tensor.zeros(2, 1, 8, 8)).shape());
        assertEquals(Shape.of(2, 4, 3, 4), conv.forward(Tensor.zeros(2, 1, 5, 8)).shape());
    }

    @Test
    void conv2dShapeErrorNamesTheLayerAndShapes() {
        Sequential net = new Sequential(new Conv2d(1, 4, 3, 1, 1, ModuleChecks.random(6)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.zeros(2, 3, 8, 8)));
        String m = e.getMessage();
        assertTrue(m.contains("layer 0 (conv2d)") && m.contains("[2, 3, 8, 8]") && m.contains("in_channels = 1"), m);
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.zeros(2, 64)));
        assertTrue(flat.getMessage().contains("[2, 64]"), flat.getMessage());
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(0, 4, 3, 1, 1, ModuleChecks.random(6)));
        assertTrue(channels.getMessage().contains("conv2d"), channels.getMessage());
    }

    @Test
    void poolingLayersGradients() {
        RandomGenerator r = ModuleChecks.random(7);
        ModuleChecks.assertGradientsMatch(new MaxPool2d(2, 2), Tensor.randn(r, 2, 2, 5, 4), 8);
        ModuleChecks.assertGradientsMatch(new MaxPool2d(new Window2d(3, 3, 2, 2, 1, 1)), Tensor.randn(r, 1, 2, 5, 5), 9);
        ModuleChecks.assertGradientsMatch(new AvgPool2d(3, 1), Tensor.randn(r, 2, 1, 5, 4), 10);
        ModuleChecks.assertGradientsMatch(new GlobalAvgPool2d(), Tensor.randn(r, 2, 3, 3, 2), 11);
    }

    @Test
    void poolingKnownValues() {
        Tensor x = Tensor.of(new float[] {1, 2, 5, 0, 3, 4, -1, 7, 0, 0, 2, 2, 0, 8, 2, 2}, 1, 1, 4, 4);
        assertArrayEquals(new float[] {4, 7, 8, 2}, new MaxPool2d(2, 2).forward(x).data());
        assertArrayEquals(new float[] {2.5f, 2.75f, 2, 2}, new AvgPool2d(2, 2).forward(x).data());
        assertArrayEquals(new float[] {2.3125f}, new GlobalAvgPool2d().forward(x).data(), 1e-6f);
        assertEquals(Shape.of(1, 1), new GlobalAvgPool2d().forward(x).shape());
    }

    @Test
    void flattenKeepsTheBatchAxisAndRowMajorOrder() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 2, 2);
        Tensor y = new Flatten().forward(x);
        assertEquals(Shape.of(2, 12), y.shape());
        assertArrayEquals(x.data(), y.data());
        ModuleChecks.assertGradientsMatch(new Flatten(), Tensor.randn(ModuleChecks.random(12), 2, 3, 2), 13);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Flatten().forward(Tensor.zeros(5)));
        assertTrue(e.getMessage().contains("flatten") && e.getMessage().contains("[5]"), e.getMessage());
    }

    @Test
    void smallConvolutionalNetworkGradients() {
        RandomGenerator r = ModuleChecks.random(14);
        Sequential net = new Sequential(
                new Conv2d(1, 2, 3, 1, 1, r),
                BatchNorm.channels(2),
                new Activation(PointwiseFunction.Tanh.INSTANCE),
                new MaxPool2d(2, 2),
                new Conv2d(2, 3, 2, 1, 0, r),
                new GlobalAvgPool2d(),
                new Linear(3, 2, r));
        assertEquals(Shape.of(2, 2), net.forward(Tensor.zeros(2, 1, 6, 6)).shape());
        ModuleChecks.assertGradientsMatch(net, Tensor.randn(r, 2, 1, 6, 6), 15);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "4.weight", "4.bias", "6.weight", "6.bias"), List.copyOf(net.stateDict().keySet()));
    }
}
