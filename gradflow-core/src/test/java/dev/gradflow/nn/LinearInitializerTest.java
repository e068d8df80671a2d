package dev.gradflow.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradflow.init.Constant;
import dev.gradflow.init.HeNormal;
import dev.gradflow.init.Initializer;
import dev.gradflow.init.Orthogonal;
import dev.gradflow.init.Zeros;
import dev.gradflow.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Linear's initialization: PyTorch's default when none is given, else the given weight and bias initializers. */
class LinearInitializerTest {

    @Test
    void defaultIsPyTorchsUniformWithBoundOneOverRootFanInForWeightThenBias() {
        Linear layer = new Linear(6, 4, new SplittableRandom(12));
        SplittableRandom random = new SplittableRandom(12);
        double bound = 1 / Math.sqrt(6);
        float[] weight = new float[24];
        float[] bias = new float[4];
        for (int i = 0; i < weight.length; i++) weight[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        for (int i = 0; i < bias.length; i++) bias[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        assertArrayEquals(weight, layer.weight().data());
        assertArrayEquals(bias, layer.bias().data());
        assertSame(Linear.DEFAULT_INITIALIZER, layer.weightInitializer());
    }

    @Test
    void givenInitializersFillWeightAndBias() {
        Linear layer = new Linear(8, 8, new Orthogonal(), new Constant(0.1), new SplittableRandom(1));
        Tensor expected = Tensor.zeros(8, 8);
        new Orthogonal().fillInPlace(expected, new SplittableRandom(1));
        assertArrayEquals(expected.data(), layer.weight().data());
        for (float b : layer.bias().data()) assertEquals(0.1f, b);
    }

    @Test
    void weightInitializerAloneKeepsTheDefaultBias() {
        Initializer he = new HeNormal();
        Linear layer = new Linear(5, 3, he, new SplittableRandom(2));
        SplittableRandom random = new SplittableRandom(2);
        Tensor weight = Tensor.zeros(3, 5);
        he.fillInPlace(weight, random);
        Tensor bias = Tensor.zeros(3);
        Linear.DEFAULT_INITIALIZER.fillInPlace(bias, weight.shape(), random);
        assertArrayEquals(weight.data(), layer.weight().data());
        assertArrayEquals(bias.data(), layer.bias().data());
    }

    @Test
    void resetParametersRedrawsWithTheSameInitializers() {
        Linear layer = new Linear(4, 2, new Zeros(), new Constant(-1), new SplittableRandom(3));
        layer.weight().data()[0] = 5f;
        layer.resetParameters(new SplittableRandom(4));
        for (float w : layer.weight().data()) assertEquals(0f, w);
        for (float b : layer.bias().data()) assertEquals(-1f, b);
    }

    @Test
    void nullInitializersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Linear(2, 2, null, new SplittableRandom(0)));
    }
}
