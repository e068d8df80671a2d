package dev.gradflow.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** clip_grad_norm_ and clip_grad_value_ against PyTorch (optimizers.json), and the edge cases. */
class GradientClippingTest {
    private static final double ATOL = 1e-6;
    private static final double RTOL = 1e-5;

    /** Parameters whose gradients are the golden tensors. */
    private static List<Tensor> withGradients(JsonNode grads) {
        List<Tensor> params = new ArrayList<>();
        for (JsonNode g : grads) {
            Tensor grad = Golden.tensor(g);
            Tensor p = Tensor.zeros(grad.shape()).requiresGrad(true);
            System.arraycopy(grad.data(), 0, p.gradBuffer(), 0, grad.size());
            params.add(p);
        }
        return params;
    }

    @Test
    void clipByGlobalNormMatchesPyTorch() {
        JsonNode c = Golden.load("optimizers.json").get("clip_grad_norm");
        List<Tensor> params = withGradients(c.get("grads"));
        double total = GradientClipping.clipByGlobalNorm(params, c.get("max_norm").asDouble());
        assertEquals(c.get("total_norm").asDouble(), total, 1e-12 * total, "total norm (in double)");
        for (int k = 0; k < params.size(); k++) {
            Golden.assertClose(Golden.tensor(c.get("clipped").get(k)), params.get(k).grad(), ATOL, RTOL, "clipped gradient " + k);
        }
    }

    @Test
    void clipByValueMatchesPyTorch() {
        JsonNode c = Golden.load("optimizers.json").get("clip_grad_value");
        List<Tensor> params = withGradients(c.get("grads"));
        GradientClipping.clipByValue(params, c.get("clip_value").asDouble());
        for (int k = 0; k < params.size(); k++) {
            Golden.assertClose(Golden.tensor(c.get("clipped").get(k)), params.get(k).grad(), 0, 0, "clipped gradient " + k);
        }
    }

    @Test
    void smallGradientsAreLeftAlone() {
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        p.gradBuffer()[0] = 0.3f;
        p.gradBuffer()[1] = -0.4f;
        assertEquals(0.5, GradientClipping.clipByGlobalNorm(List.of(p), 1.0), 1e-7);
        assertArrayEquals(new float[] {0.3f, -0.4f}, p.gradBufferOrNull());
    }

    @Test
    void parametersWithoutGradientAreSkipped() {
        Tensor none = Tensor.zeros(3).requiresGrad(true);
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        p.gradBuffer()[0] = 3f;
        p.gradBuffer()[1] = 4f;
        double total = GradientClipping.clipByGlobalNorm(List.of(none, p), 1.0);
        assertEquals(5.0, total);
        assertEquals(null, none.gradBufferOrNull());
        assertEquals(0.6f, p.gradBufferOrNull()[0], 1e-6f);
        assertEquals(0.8f, p.gradBufferOrNull()[1], 1e-6f);
        assertEquals(0.0, GradientClipping.clipByGlobalNorm(List.of(none), 1.0));
    }

    @Test
    void nonFiniteTotalNormIsReturnedAndGradientsAreNotScaled() {
        Tensor p = Tensor.zeros(3).requiresGrad(true);
        float[] g = p.gradBuffer();
        g[0] = 1f;
        g[1] = Float.NaN;
        g[2] = 2f;
        assertTrue(Double.isNaN(GradientClipping.clipByGlobalNorm(List.of(p), 1.0)));
        assertArrayEquals(new float[] {1f, Float.NaN, 2f}, g);
        g[1] = Float.POSITIVE_INFINITY;
        assertEquals(Double.POSITIVE_INFINITY, GradientClipping.clipByGlobalNorm(List.of(p), 1.0));
        assertArrayEquals(new float[] {1f, Float.POSITIVE_INFINITY, 2f}, g);
    }

    @Test
    void badBoundsAreRejected() {
        List<Tensor> params = List.of(Tensor.zeros(1).requiresGrad(true));
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipByGlobalNorm(params, -1));
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipByGlobalNorm(params, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipByValue(params, -0.5));
    }
}
