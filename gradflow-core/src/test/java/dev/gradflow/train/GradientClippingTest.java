package dev.gradflow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clipping by global norm against torch.nn.utils.clip_grad_norm_ (optimizers.json). */
class GradientClippingTest {

    @Test
    void matchesPyTorchClipGradNorm() {
        JsonNode c = Golden.load("optimizers.json").get("clip_grad_norm");
        List<Tensor> parameters = new ArrayList<>();
        for (JsonNode g : c.get("grads")) {
            Tensor gradient = Golden.tensor(g);
            Tensor p = Tensor.zeros(gradient.shape()).requiresGrad(true);
            System.arraycopy(gradient.data(), 0, p.gradBuffer(), 0, gradient.size());
            parameters.add(p);
        }
        ClippingResult result = new GradientClipping(c.get("max_norm").asDouble()).apply(parameters);
        assertEquals(c.get("total_norm").asDouble(), result.preClipNorm(), 1e-5);
        assertTrue(result.fired());
        for (int i = 0; i < parameters.size(); i++) {
            Golden.assertClose(Golden.tensor(c.get("clipped").get(i)), parameters.get(i).grad(), 1e-6, 1e-5, "clipped grad " + i);
        }
    }

    @Test
    void offMeasuresWithoutScaling() {
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        p.gradBuffer()[0] = 3f;
        p.gradBuffer()[1] = 4f;
        ClippingResult result = GradientClipping.OFF.apply(List.of(p, Tensor.zeros(3).requiresGrad(true)));
        assertEquals(5.0, result.preClipNorm());
        assertFalse(result.fired());
        assertEquals(4f, p.gradBuffer()[1]);
    }
}
