package dev.gradflow.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Sequential computes a Linear followed by an Activation in one fused pass: the output, every gradient, and what
 * observers see (both the Linear's and the activation's output, with retained gradients) must be exactly those of
 * running the layers one by one.
 */
class SequentialFusionTest {

    @Test
    void fusedForwardAndBackwardEqualLayerByLayer() {
        for (String activation : new String[] {"relu", "tanh", "sigmoid", "gelu", "leaky_relu"}) {
            Sequential fused = model(activation);
            Sequential plain = model(activation);
            Tensor input = Tensor.randn(new SplittableRandom(3), 37, 10).requiresGrad(true);
            Tensor plainInput = Tensor.of(input.data().clone(), 37, 10).requiresGrad(true);
            Tensor cotangent = Tensor.randn(new SplittableRandom(4), 37, 3);

            List<Tensor> observed = new ArrayList<>();
            List<Integer> indices = new ArrayList<>();
            List<Module> observedLayers = new ArrayList<>();
            fused.addObserver((index, layer, output) -> {
                indices.add(index);
                observedLayers.add(layer);
                observed.add(output.retainGrad());
            });
            Tensor out = fused.forward(input);
            assertEquals("linear", observed.get(0).gradFn().op(), activation + ": the Linear's output is its own op");
            assertEquals(activation, observed.get(1).gradFn().op(), activation + ": the activation's output is its own op");
            out.mul(cotangent).sum().backward();

            List<Tensor> layerOutputs = new ArrayList<>();
            Tensor x = plainInput;
            for (Module layer : plain.layers()) {
                x = layer.forward(x).retainGrad();
                layerOutputs.add(x);
            }
            x.mul(cotangent).sum().backward();

            assertEquals(List.of(0, 1, 2, 3, 4), indices, activation + ": every layer observed once, in order");
            for (int i = 0; i < 5; i++) {
                assertSame(fused.get(i), observedLayers.get(i), activation + ": layer " + i);
                assertArrayEquals(layerOutputs.get(i).data(), observed.get(i).data(), activation + ": output of layer " + i);
                assertArrayEquals(layerOutputs.get(i).grad().data(), observed.get(i).grad().data(),
                        activation + ": gradient of layer " + i + "'s output");
            }
            assertArrayEquals(plainInput.grad().data(), input.grad().data(), activation + ": input gradient");
            Map<String, Tensor> fusedParameters = fused.namedParameters();
            plain.namedParameters().forEach((name, p) ->
                    assertArrayEquals(p.grad().data(), fusedParameters.get(name).grad().data(), activation + ": " + name));
        }
    }

    private static Sequential model(String activation) {
        SplittableRandom random = new SplittableRandom(1);
        return new Sequential(new Linear(10, 13, random), Activation.of(activation), new Linear(13, 7, random),
                Activation.of(activation), new Linear(7, 3, random));
    }
}
