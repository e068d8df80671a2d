package dev.gradflow.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Checkpointing: state() / loadState() resume an optimizer bit for bit, with PyTorch's buffer names. */
class OptimizerStateTest {
    private static final int[] SIZES = {5, 12, 1};

    record Kind(String label, Function<List<Tensor>, Optimizer> create, Set<String> bufferNames) {}

    static List<Kind> kinds() {
        return List.of(
                new Kind("sgd", p -> new Sgd(p, SgdConfig.defaults().withLearningRate(0.1)), Set.of()),
                new Kind("sgd momentum", p -> new Sgd(p, SgdConfig.defaults().withLearningRate(0.1).withMomentum(0.9)
                        .withVariant(SgdConfig.MomentumVariant.NESTEROV)), Set.of("momentum_buffer")),
                new Kind("adam", p -> new Adam(p, AdamConfig.defaults().withWeightDecay(0.01)), Set.of("exp_avg", "exp_avg_sq")),
                new Kind("adam amsgrad", p -> new Adam(p, AdamConfig.defaults().withVariant(AdamVariant.AMSGRAD)),
                        Set.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")),
                new Kind("adamw", p -> new AdamW(p, AdamWConfig.defaults()), Set.of("exp_avg", "exp_avg_sq")),
                new Kind("rmsprop", p -> new RmsProp(p, RmsPropConfig.defaults()), Set.of("square_avg")),
                new Kind("rmsprop centered momentum", p -> new RmsProp(p, RmsPropConfig.defaults().withMomentum(0.9)
                        .withCentering(RmsPropConfig.Centering.CENTERED)), Set.of("square_avg", "momentum_buffer", "grad_avg")),
                new Kind("adagrad", p -> new Adagrad(p, AdagradConfig.defaults().withLearningRateDecay(0.1)), Set.of("sum")),
                new Kind("adadelta", p -> new Adadelta(p, AdadeltaConfig.defaults()), Set.of("square_avg", "acc_delta")),
                new Kind("nadam", p -> new NAdam(p, NAdamConfig.defaults()), Set.of("exp_avg", "exp_avg_sq", "mu_product")),
                new Kind("radam", p -> new RAdam(p, RAdamConfig.defaults()), Set.of("exp_avg", "exp_avg_sq")));
    }

    @TestFactory
    Stream<DynamicTest> threeStepsSavedThenTwoMoreEqualFiveUninterrupted() {
        return kinds().stream().map(k -> DynamicTest.dynamicTest(k.label(), () -> roundTrip(k)));
    }

    private static void roundTrip(Kind kind) {
        float[][][] grads = gradients(5);
        List<Tensor> straight = parameters();
        Optimizer uninterrupted = kind.create().apply(straight);
        for (int t = 0; t < 5; t++) step(uninterrupted, straight, grads[t]);

        List<Tensor> first = parameters();
        Optimizer before = kind.create().apply(first);
        for (int t = 0; t < 3; t++) step(before, first, grads[t]);
        OptimizerState saved = before.state();
        for (ParameterState p : saved.parameters()) {
            assertEquals(3, p.step());
            assertEquals(kind.bufferNames(), p.buffers().keySet(), "buffer names");
        }

        List<Tensor> resumedParams = new ArrayList<>();
        for (Tensor p : first) resumedParams.add(p.copy().requiresGrad(true));
        Optimizer resumed = kind.create().apply(resumedParams);
        resumed.loadState(saved);
        assertEquals(saved, resumed.state(), "state after loading");
        for (int t = 3; t < 5; t++) step(resumed, resumedParams, grads[t]);

        for (int k = 0; k < SIZES.length; k++) {
            assertArrayEquals(straight.get(k).data(), resumedParams.get(k).data(), "parameter " + k + " bit for bit");
        }
        assertEquals(uninterrupted.state(), resumed.state(), "state after 5 steps");
    }

    @Test
    void stateIsACopyNotAView() {
        List<Tensor> params = parameters();
        Adam adam = new Adam(params, AdamConfig.defaults());
        step(adam, params, gradients(1)[0]);
        OptimizerState saved = adam.state();
        float[] expAvg = saved.parameter(0).buffer("exp_avg", SIZES[0]);
        step(adam, params, gradients(2)[1]);
        assertArrayEquals(expAvg, saved.parameter(0).buffer("exp_avg", SIZES[0]), "a later step does not change the snapshot");
        saved.parameter(0).buffers().get("exp_avg")[0] = 1e9f;
        assertArrayEquals(expAvg, saved.parameter(0).buffer("exp_avg", SIZES[0]), "buffers() hands out copies");
        assertNotEquals(saved, adam.state());
    }

    @Test
    void learningRateTravelsWithTheState() {
        List<Tensor> params = parameters();
        Sgd sgd = new Sgd(params, SgdConfig.defaults().withLearningRate(0.1));
        sgd.setLearningRate(0.025);
        Sgd other = new Sgd(parameters(), SgdConfig.defaults().withLearningRate(0.1));
        other.loadState(sgd.state());
        assertEquals(0.025, other.learningRate());
    }

    @Test
    void parametersWithoutGradientAreSkippedAndHaveNoState() {
        List<Tensor> params = parameters();
        float[] untouched = params.get(1).toArray();
        Adam adam = new Adam(params, AdamConfig.defaults());
        float[][] g = gradients(1)[0];
        System.arraycopy(g[0], 0, params.get(0).gradBuffer(), 0, SIZES[0]);
        System.arraycopy(g[2], 0, params.get(2).gradBuffer(), 0, SIZES[2]);
        adam.step();
        assertArrayEquals(untouched, params.get(1).data());
        OptimizerState state = adam.state();
        assertTrue(state.parameter(1).isNotStarted());
        assertFalse(state.parameter(0).isNotStarted());
        assertEquals(1, state.parameter(2).step());
    }

    @Test
    void loadingAMismatchedStateFailsClearly() {
        List<Tensor> params = parameters();
        Adam adam = new Adam(params, AdamConfig.defaults());
        step(adam, params, gradients(1)[0]);
        OptimizerState saved = adam.state();

        var wrongKind = assertThrows(IllegalArgumentException.class, () -> new Sgd(parameters(), SgdConfig.defaults()).loadState(saved));
        assertTrue(wrongKind.getMessage().contains("saved by adam"), wrongKind.getMessage());

        var fewer = assertThrows(IllegalArgumentException.class,
                () -> new Adam(parameters().subList(0, 2), AdamConfig.defaults()).loadState(saved));
        assertTrue(fewer.getMessage().contains("3 parameters"), fewer.getMessage());

        List<Tensor> otherSizes = List.of(Tensor.zeros(5), Tensor.zeros(11), Tensor.zeros(1));
        var size = assertThrows(IllegalArgumentException.class, () -> new Adam(otherSizes, AdamConfig.defaults()).loadState(saved));
        assertTrue(size.getMessage().contains("exp_avg"), size.getMessage());

        var amsgrad = assertThrows(IllegalArgumentException.class,
                () -> new Adam(parameters(), AdamConfig.defaults().withVariant(AdamVariant.AMSGRAD)).loadState(saved));
        assertTrue(amsgrad.getMessage().contains("max_exp_avg_sq"), amsgrad.getMessage());
    }

    @Test
    void aRejectedStateLeavesTheOptimizerAsItWas() {
        List<Tensor> params = parameters();
        Adam adam = new Adam(params, AdamConfig.defaults().withLearningRate(0.01));
        step(adam, params, gradients(2)[0]);
        OptimizerState before = adam.state();

        // A checkpoint whose first parameter is fine but whose second has a buffer of the wrong length.
        List<ParameterState> parts = new ArrayList<>(before.parameters());
        parts.set(1, new ParameterState(1, Map.of("exp_avg", new float[3], "exp_avg_sq", new float[3])));
        OptimizerState bad = new OptimizerState("adam", 0.5, parts);
        assertThrows(IllegalArgumentException.class, () -> adam.loadState(bad));
        assertEquals(before, adam.state(), "learning rate, step counts and buffers unchanged");
        assertEquals(0.01, adam.learningRate());
    }

    @Test
    void parameterStateEqualityIsBitwise() {
        var a = new ParameterState(2, Map.of("exp_avg", new float[] {0f, 1f}));
        var b = new ParameterState(2, Map.of("exp_avg", new float[] {-0f, 1f}));
        assertNotEquals(a, b, "0 and -0 differ bitwise");
        assertEquals(a, new ParameterState(2, Map.of("exp_avg", new float[] {0f, 1f})));
        assertThrows(IllegalArgumentException.class, () -> new ParameterState(-1, Map.of()));
    }

    private static List<Tensor> parameters() {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(7);
        List<Tensor> params = new ArrayList<>();
        for (int size : SIZES) params.add(Tensor.randn(random, size).requiresGrad(true));
        return params;
    }

    private static float[][][] gradients(int steps) {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(11);
        float[][][] grads = new float[steps][SIZES.length][];
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < SIZES.length; k++) grads[t][k] = Tensor.randn(random, SIZES[k]).data();
        }
        return grads;
    }

    private static void step(Optimizer optimizer, List<Tensor> params, float[][] grads) {
        for (int k = 0; k < params.size(); k++) System.arraycopy(grads[k], 0, params.get(k).gradBuffer(), 0, grads[k].length);
        optimizer.step();
    }
}
