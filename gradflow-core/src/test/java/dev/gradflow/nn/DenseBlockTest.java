package dev.gradflow.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.autograd.ShapeOps;
import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DenseBlockTest {
    private static final PointwiseFunction TANH = PointwiseFunction.Tanh.INSTANCE;

    @Test
    void eachLayerSeesTheInputAndAllEarlierOutputs() {
        RandomGenerator r = ModuleChecks.random(1);
        DenseBlock block = DenseBlock.vectors(3, 2, 3, Normalization.NONE, TANH, r);
        Tensor x = Tensor.randn(r, 4, 3);
        Tensor y = block.forward(x);
        assertEquals(Shape.of(4, 3 + 3 * 2), y.shape());
        // Recompute by the definition: h_l = H_l([x, h_1, ..., h_{l-1}]), y = [x, h_1, ..., h_L].
        List<Tensor> features = new ArrayList<>(List.of(x));
        for (int l = 0; l < 3; l++) {
            Linear linear = (Linear) block.layers().get(l).get(1);
            assertEquals(3 + 2 * l, linear.inFeatures(), "layer " + l + " input width");
            features.add(block.layers().get(l).forward(ShapeOps.concat(features, 1)));
        }
        assertArrayEquals(ShapeOps.concat(features, 1).data(), y.data());
        for (int n = 0; n < 4; n++) {
            for (int f = 0; f < 3; f++) assertEquals(x.get(n, f), y.get(n, f), "the block input passes through");
        }
    }

    @Test
    void vectorGradients() {
        RandomGenerator r = ModuleChecks.random(2);
        ModuleChecks.assertGradientsMatch(DenseBlock.vectors(3, 2, 3, Normalization.BATCH_NORM, TANH, r), Tensor.randn(r, 4, 3), 3);
        ModuleChecks.assertGradientsMatch(DenseBlock.vectors(2, 3, 2, Normalization.LAYER_NORM, TANH, r), Tensor.randn(r, 3, 2), 4);
    }

    @Test
    void imageGradients() {
        RandomGenerator r = ModuleChecks.random(5);
        DenseBlock block = DenseBlock.images(2, 2, 2, Normalization.BATCH_NORM, TANH, r);
        assertEquals(Shape.of(2, 6, 4, 3), block.forward(Tensor.zeros(2, 2, 4, 3)).shape());
        ModuleChecks.assertGradientsMatch(block, Tensor.randn(r, 2, 2, 4, 3), 6);
    }

    @Test
    void namesFollowPyTorchNestedNaming() {
        RandomGenerator r = ModuleChecks.random(7);
        DenseBlock plain = DenseBlock.vectors(3, 2, 2, Normalization.NONE, TANH, r);
        assertEquals(List.of("layers.0.1.weight", "layers.0.1.bias", "layers.1.1.weight", "layers.1.1.bias"),
                List.copyOf(plain.namedParameters().keySet()));
        DenseBlock normalized = DenseBlock.images(2, 2, 2, Normalization.BATCH_NORM, TANH, r);
        Sequential net = new Sequential(new Conv2d(1, 2, 3, 1, 1, r), normalized);
        assertTrue(net.namedParameters().containsKey("1.layers.0.0.weight"));
        assertTrue(net.namedParameters().containsKey("1.layers.1.2.weight"));
        assertTrue(net.namedBuffers().containsKey("1.layers.1.0.running_var"));
        assertEquals(Shape.of(2, 4, 3, 3), net.namedParameters().get("1.layers.1.2.weight").shape());
        assertEquals(2, normalized.children().size());
    }

    @Test
    void modeReachesTheInnerLayersAndErrorsNameTheLayer() {
        DenseBlock block = DenseBlock.vectors(3, 2, 2, Normalization.BATCH_NORM, TANH, ModuleChecks.random(8));
        block.setMode(Mode.EVALUATION);
        assertEquals(Mode.EVALUATION, ((BatchNorm) block.layers().get(1).get(0)).mode());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> block.forward(Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().contains("dense_block layer 0") && e.getMessage().contains("[2, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DenseBlock.images(2, 2, 2, Normalization.LAYER_NORM, TANH, ModuleChecks.random(9)));
    }
}
