package dev.gradflow.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LayerNormTest {

    @Test
    void normalizesEachRowOverTheLastDimension() {
        // Row (1, 2, 3, 4): mean 2.5, biased variance 1.25.
        LayerNorm ln = new LayerNorm(4);
        float[] y = ln.forward(Tensor.matrix(new float[][] {{1, 2, 3, 4}, {2, 2, 2, 2}})).data();
        double s = Math.sqrt(1.25 + 1e-5);
        assertArrayEquals(new float[] {(float) (-1.5 / s), (float) (-0.5 / s), (float) (0.5 / s), (float) (1.5 / s), 0, 0, 0, 0}, y, 1e-6f);
    }

    @Test
    void sameInTrainingAndEvaluationAndNoBuffers() {
        LayerNorm ln = new LayerNorm(3);
        Tensor x = Tensor.matrix(new float[][] {{1, 5, 2}});
        float[] training = ln.forward(x).data();
        ln.setMode(Mode.EVALUATION);
        assertArrayEquals(training, ln.forward(x).data());
        assertTrue(ln.namedBuffers().isEmpty());
        assertEquals(List.of("weight", "bias"), List.copyOf(ln.namedParameters().keySet()));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        RandomGenerator r = ModuleChecks.random(1);
        LayerNorm ln = new LayerNorm(5);
        for (int i = 0; i < 5; i++) {
            ln.weight().data()[i] = 0.5f + 0.2f * i;
            ln.bias().data()[i] = -0.1f * i;
        }
        ModuleChecks.assertGradientsMatch(ln, Tensor.randn(r, 3, 5), 2);
        ModuleChecks.assertGradientsMatch(new LayerNorm(2, 3), Tensor.randn(r, 2, 2, 2, 3), 3);
    }

    @Test
    void shapeErrorNamesTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(4).forward(Tensor.zeros(2, 5)));
        assertTrue(e.getMessage().contains("layer_norm") && e.getMessage().contains("[2, 5]") && e.getMessage().contains("[4]"), e.getMessage());
    }
}
