package dev.gradflow.regularize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.check.GradientCheck;
import dev.gradflow.optim.Sgd;
import dev.gradflow.optim.SgdConfig;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.testing.Golden;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** L1 and L2 penalties: values, finite-difference gradient checks, closed-form gradients, selection. */
class PenaltyTest {
    private static final String[] NAMES = {"0.weight", "0.bias", "2.weight", "2.bias"};

    private static RandomGenerator random(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** A 4-3-2 network's parameters with every entry at least 0.05 away from 0 (L1's kink). */
    private static List<Tensor> parameters() {
        RandomGenerator random = random(3);
        List<Tensor> list = List.of(Tensor.zeros(3, 4), Tensor.zeros(3), Tensor.zeros(2, 3), Tensor.zeros(2));
        for (Tensor t : list) {
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) d[i] = (float) ((0.05 + random.nextDouble()) * (random.nextBoolean() ? 1 : -1));
            t.requiresGrad(true);
        }
        return list;
    }

    private static Map<String, Tensor> named(List<Tensor> params) {
        Map<String, Tensor> map = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) map.put(NAMES[i], params.get(i));
        return map;
    }

    private static double sum(float[] values, boolean squared) {
        double s = 0;
        for (float v : values) s += squared ? (double) v * v : Math.abs(v);
        return s;
    }

    @Test
    void valuesAreLambdaTimesTheSumOverWeightsOnlyByDefault() {
        List<Tensor> p = parameters();
        double squares = sum(p.get(0).data(), true) + sum(p.get(2).data(), true);
        double absolutes = sum(p.get(0).data(), false) + sum(p.get(2).data(), false);
        assertEquals(0.01 * squares, L2Penalty.of(0.01).value(named(p)), 1e-6 * squares);
        assertEquals(0.02 * absolutes, L1Penalty.of(0.02).value(named(p)), 1e-6 * absolutes);
        double allSquares = squares + sum(p.get(1).data(), true) + sum(p.get(3).data(), true);
        assertEquals(0.01 * allSquares, new L2Penalty(0.01, ParameterSelector.all()).value(named(p)), 1e-6 * allSquares);
    }

    @Test
    void termsPassTheFiniteDifferenceCheck() {
        for (Penalty penalty : List.of(new L2Penalty(0.3, ParameterSelector.all()), new L1Penalty(0.3, ParameterSelector.all()),
                L2Penalty.of(0.3), L1Penalty.of(0.3))) {
            GradientCheck.Result result = GradientCheck.check(in -> penalty.term(named(in)), parameters(), random(5));
            assertTrue(result.passed(), penalty + ": " + result);
        }
    }

    @Test
    void closedFormGradientsEqualBackpropagationOfTheTerm() {
        for (Penalty penalty : List.of(L2Penalty.of(0.05), L1Penalty.of(0.05), new L2Penalty(0.05, ParameterSelector.namePrefix("2.")))) {
            List<Tensor> p = parameters();
            Map<String, Tensor> named = named(p);
            penalty.term(named).backward();
            named.forEach((name, t) -> {
                float[] autograd = t.gradBufferOrNull() == null ? new float[t.size()] : t.gradBufferOrNull();
                Golden.assertClose(autograd, penalty.gradientOf(name, t).data(), 1e-7, 1e-6, penalty + " gradient of " + name);
            });
        }
    }

    @Test
    void closedFormGradientsAreTwoLambdaWAndLambdaSignW() {
        Tensor w = Tensor.matrix(new float[][] {{0.5f, -2f}, {0f, 3f}});
        assertArrayEquals(new float[] {0.05f, -0.2f, 0f, 0.3f}, L2Penalty.of(0.05).gradientOf("0.weight", w).data(), 1e-7f);
        assertArrayEquals(new float[] {0.05f, -0.05f, 0f, 0.05f}, L1Penalty.of(0.05).gradientOf("0.weight", w).data(), 0f);
        Tensor bias = Tensor.vector(1f, -1f);
        assertArrayEquals(new float[] {0f, 0f}, L2Penalty.of(0.05).gradientOf("0.bias", bias).data(), "biases excluded");
    }

    @Test
    void penaltyGradientsCanBeAddedApartFromTheDataLoss() {
        List<Tensor> viaGraph = parameters();
        List<Tensor> apart = parameters();
        Penalty penalty = L2Penalty.of(0.1);
        Tensor cotangent = Tensor.randn(random(9), 3, 4);
        viaGraph.get(0).mul(cotangent).sum().add(penalty.term(named(viaGraph))).backward();

        apart.get(0).mul(cotangent).sum().backward();
        float[] dataOnly = apart.get(0).grad().toArray();
        penalty.addGradientsInPlace(named(apart));
        for (int k = 0; k < NAMES.length; k++) {
            float[] expected = viaGraph.get(k).gradBufferOrNull() == null ? new float[viaGraph.get(k).size()] : viaGraph.get(k).gradBufferOrNull();
            float[] actual = apart.get(k).gradBufferOrNull() == null ? new float[apart.get(k).size()] : apart.get(k).gradBufferOrNull();
            Golden.assertClose(expected, actual, 1e-6, 1e-6, "gradient of " + NAMES[k]);
        }
        float[] penaltyPart = penalty.gradients(named(apart)).get("0.weight").data();
        for (int i = 0; i < dataOnly.length; i++) assertEquals(dataOnly[i] + penaltyPart[i], apart.get(0).grad().data()[i], 1e-6);
        assertFalse(penalty.gradients(named(apart)).containsKey("0.bias"));
    }

    @Test
    void sgdWeightDecayEqualsAnL2PenaltyOfHalfTheStrength() {
        double weightDecay = 0.1;
        List<Tensor> decayed = parameters();
        dataLoss(decayed).backward();
        new Sgd(decayed, SgdConfig.defaults().withLearningRate(0.5).withWeightDecay(weightDecay)).step();

        List<Tensor> penalized = parameters();
        Penalty penalty = L2Penalty.matchingSgdWeightDecay(weightDecay);
        dataLoss(penalized).add(penalty.term(named(penalized))).backward();
        new Sgd(penalized, SgdConfig.defaults().withLearningRate(0.5)).step();

        for (int k = 0; k < NAMES.length; k++) {
            Golden.assertClose(decayed.get(k).data(), penalized.get(k).data(), 1e-6, 1e-6, NAMES[k]);
        }
    }

    /** Σ_k Σ p_k·c_k with fixed random c_k: a loss that gives every parameter a gradient. */
    private static Tensor dataLoss(List<Tensor> params) {
        RandomGenerator random = random(4);
        Tensor loss = null;
        for (Tensor p : params) {
            Tensor term = p.mul(Tensor.randn(random, p.dims())).sum();
            loss = loss == null ? term : loss.add(term);
        }
        return loss;
    }

    @Test
    void selectorsPickByNamePrefixAndLeaveBiasesOut() {
        Tensor matrix = Tensor.zeros(2, 2);
        Tensor vector = Tensor.zeros(2);
        assertFalse(ParameterSelector.weightsOnly().includes("3.bias", vector));
        assertFalse(ParameterSelector.weightsOnly().includes("bias", vector));
        assertTrue(ParameterSelector.weightsOnly().includes("3.weight", matrix));
        assertTrue(ParameterSelector.weightsOnly().includes("0.bias", matrix), "only rank-1 biases are excluded");
        ParameterSelector firstLayerWeights = ParameterSelector.namePrefix("0.").and(ParameterSelector.weightsOnly());
        assertTrue(firstLayerWeights.includes("0.weight", matrix));
        assertFalse(firstLayerWeights.includes("0.bias", vector));
        assertFalse(firstLayerWeights.includes("10.weight", matrix));
        assertTrue(ParameterSelector.names("2.weight").includes("2.weight", matrix));
        assertFalse(ParameterSelector.names("2.weight").negate().includes("2.weight", matrix));

        List<Tensor> p = parameters();
        double layerTwo = sum(p.get(2).data(), true);
        assertEquals(0.5 * layerTwo, new L2Penalty(0.5, ParameterSelector.namePrefix("2.").and(ParameterSelector.weightsOnly()))
                .value(named(p)), 1e-6 * layerTwo);
        assertEquals(0.0, new L2Penalty(0.5, ParameterSelector.names("nothing")).value(named(p)));
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> L2Penalty.of(-0.1));
        assertThrows(IllegalArgumentException.class, () -> L1Penalty.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new L2Penalty(0.1, null));
        assertThrows(IllegalArgumentException.class, () -> ParameterSelector.namePrefix());
    }
}
