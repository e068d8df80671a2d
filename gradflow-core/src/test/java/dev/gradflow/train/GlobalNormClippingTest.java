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

/** The trainer's clipping setting against torch.nn.utils.clip_grad_norm_ (optimizers.json). */
class GlobalNormClippingTest {

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
        GlobalNormClipping clipping = new GlobalNormClipping(c.get("max_norm").asDouble());
        ClippingResult result = clipping.measure(parameters);
        clipping.apply(parameters, result);
        assertEquals(c.get("total_norm").asDouble(), result.preClipNorm(), 1e-5);
        assertTrue(result.fired());
        for (int i = 0; i < parameters.size(); i++) {
            Golden.assertClose(Golden.tensor(c.get("clipped").get(i)), parameters.get(i).grad(), 1e-6, 1e-5, "clipped grad " + i);
        }
    }

    @Test
    void measuringChangesNothingAndBelowTheMaximumNothingFires() {
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        p.gradBuffer()[0] = 0.3f;
        p.gradBuffer()[1] = 0.4f;
        GlobalNormClipping clipping = new GlobalNormClipping(0.5 + 1e-3);
        ClippingResult result = clipping.measure(List.of(p));
        assertEquals(0.5, result.preClipNorm(), 1e-7);
        assertFalse(result.fired());
        assertTrue(new GlobalNormClipping(0.4).measure(List.of(p)).fired());
        assertEquals(0.4f, p.gradBuffer()[1], "measure never scales");
    }

    @Test
    void offMeasuresWithoutScaling() {
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        p.gradBuffer()[0] = 3f;
        p.gradBuffer()[1] = 4f;
        List<Tensor> parameters = List.of(p, Tensor.zeros(3).requiresGrad(true));
        ClippingResult result = GlobalNormClipping.OFF.measure(parameters);
        GlobalNormClipping.OFF.apply(parameters, result);
        assertEquals(5.0, result.preClipNorm());
        assertFalse(result.fired());
        assertEquals(4f, p.gradBuffer()[1]);
    }
}
