package dev.gradflow.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.check.GradientCheck;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Shared helpers for the layer tests: seeded generators and a finite-difference check of a whole module. */
final class ModuleChecks {
    private ModuleChecks() {}

    static RandomGenerator random(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** Checks ∂/∂input and ∂/∂every parameter of {@code module} at {@code input} against central differences. */
    static void assertGradientsMatch(Module module, Tensor input, long seed) {
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(input.requiresGrad(true));
        inputs.addAll(module.parameters());
        GradientCheck.Result result = GradientCheck.check(in -> module.forward(in.get(0)), inputs, random(seed));
        assertTrue(result.passed(), module.kind() + " " + result);
    }
}
