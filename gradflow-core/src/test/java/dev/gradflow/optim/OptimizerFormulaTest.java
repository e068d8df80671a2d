package dev.gradflow.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.optim.ReferenceOptimizers.Reference;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each optimizer (float32) against its documented formula written literally in double
 * ({@link ReferenceOptimizers}), over 12 steps of random gradients on parameters of awkward sizes — long enough
 * for RAdam's rectified branch (ρ_t > 5 from t = 6) and for the momentum buffers to matter.
 */
class OptimizerFormulaTest {
    private static final int STEPS = 12;
    private static final int[] SIZES = {1, 13, 21};
    private static final double ATOL = 2e-6;
    private static final double RTOL = 2e-5;

    private record Case(String label, Function<List<Tensor>, Optimizer> optimizer, Supplier<Reference> reference) {}

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (SgdConfig c : List.of(
                SgdConfig.defaults().withLearningRate(0.1),
                SgdConfig.defaults().withLearningRate(0.1).withMomentum(0.9).withDampening(0.1).withWeightDecay(0.01),
                SgdConfig.defaults().withLearningRate(0.05).withMomentum(0.8).withWeightDecay(0.01)
                        .withVariant(SgdConfig.MomentumVariant.NESTEROV))) {
            cases.add(new Case("sgd " + c, p -> new Sgd(p, c), () -> ReferenceOptimizers.sgd(c)));
        }
        for (AdamConfig c : List.of(
                AdamConfig.defaults().withLearningRate(0.01),
                AdamConfig.defaults().withLearningRate(0.01).withBetas(0.8, 0.9).withEpsilon(1e-6).withWeightDecay(0.05),
                AdamConfig.defaults().withLearningRate(0.01).withWeightDecay(0.01).withVariant(AdamVariant.AMSGRAD),
                AdamConfig.defaults().withLearningRate(0.01).withWeightDecay(0.1).withWeightDecayStyle(WeightDecayStyle.DECOUPLED))) {
            cases.add(new Case("adam " + c, p -> new Adam(p, c), () -> ReferenceOptimizers.adam(c)));
        }
        for (AdamWConfig c : List.of(
                AdamWConfig.defaults().withLearningRate(0.01),
                AdamWConfig.defaults().withLearningRate(0.01).withWeightDecay(0.1).withVariant(AdamVariant.AMSGRAD))) {
            cases.add(new Case("adamw " + c, p -> new AdamW(p, c), () -> ReferenceOptimizers.adam(c.asAdamConfig())));
        }
        for (RmsPropConfig c : List.of(
                RmsPropConfig.defaults(),
                RmsPropConfig.defaults().withAlpha(0.9).withWeightDecay(0.01).withMomentum(0.9)
                        .withCentering(RmsPropConfig.Centering.CENTERED),
                RmsPropConfig.defaults().withMomentum(0.5))) {
            cases.add(new Case("rmsprop " + c, p -> new RmsProp(p, c), () -> ReferenceOptimizers.rmsProp(c)));
        }
        for (AdagradConfig c : List.of(
                AdagradConfig.defaults().withLearningRate(0.1),
                AdagradConfig.defaults().withLearningRate(0.1).withLearningRateDecay(0.1).withWeightDecay(0.01)
                        .withInitialAccumulatorValue(0.1))) {
            cases.add(new Case("adagrad " + c, p -> new Adagrad(p, c), () -> ReferenceOptimizers.adagrad(c)));
        }
        for (AdadeltaConfig c : List.of(
                AdadeltaConfig.defaults(),
                AdadeltaConfig.defaults().withRho(0.8).withEpsilon(1e-4).withWeightDecay(0.01))) {
            cases.add(new Case("adadelta " + c, p -> new Adadelta(p, c), () -> ReferenceOptimizers.adadelta(c)));
        }
        for (NAdamConfig c : List.of(
                NAdamConfig.defaults(),
                NAdamConfig.defaults().withLearningRate(0.01).withWeightDecay(0.01).withMomentumDecay(0.01),
                NAdamConfig.defaults().withLearningRate(0.01).withWeightDecay(0.1).withWeightDecayStyle(WeightDecayStyle.DECOUPLED))) {
            cases.add(new Case("nadam " + c, p -> new NAdam(p, c), () -> ReferenceOptimizers.nAdam(c)));
        }
        for (RAdamConfig c : List.of(
                RAdamConfig.defaults().withLearningRate(0.01),
                RAdamConfig.defaults().withLearningRate(0.01).withBetas(0.8, 0.9).withWeightDecay(0.01),
                RAdamConfig.defaults().withLearningRate(0.01).withWeightDecay(0.1).withWeightDecayStyle(WeightDecayStyle.DECOUPLED))) {
            cases.add(new Case("radam " + c, p -> new RAdam(p, c), () -> ReferenceOptimizers.rAdam(c)));
        }
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> floatImplementationFollowsTheDocumentedFormula() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.label(), () -> run(c)));
    }

    private static void run(Case c) {
        RandomGenerator seeded = RandomGeneratorFactory.of("L64X128MixRandom").create(42);
        List<Tensor> params = new ArrayList<>();
        List<double[]> thetas = new ArrayList<>();
        List<Reference> references = new ArrayList<>();
        for (int size : SIZES) {
            Tensor p = Tensor.normal(seeded, 0f, 1f, size).requiresGrad(true);
            params.add(p);
            double[] theta = new double[size];
            for (int i = 0; i < size; i++) theta[i] = p.data()[i];
            thetas.add(theta);
            references.add(c.reference().get());
        }
        List<float[]> initial = params.stream().map(Tensor::toArray).toList();
        Optimizer optimizer = c.optimizer().apply(params);
        for (int t = 1; t <= STEPS; t++) {
            for (int k = 0; k < params.size(); k++) {
                float[] g = params.get(k).gradBuffer();
                double[] gd = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) (seeded.nextGaussian() * (k + 1));
                    gd[i] = g[i];
                }
                references.get(k).step(thetas.get(k), gd, t);
            }
            optimizer.step();
            for (int k = 0; k < params.size(); k++) {
                float[] expected = new float[SIZES[k]];
                for (int i = 0; i < expected.length; i++) expected[i] = (float) thetas.get(k)[i];
                Golden.assertClose(expected, params.get(k).data(), ATOL, RTOL, "parameter " + k + " after step " + t);
            }
        }
        for (int k = 0; k < params.size(); k++) {
            double change = 0;
            for (int i = 0; i < SIZES[k]; i++) change = Math.max(change, Math.abs(params.get(k).data()[i] - initial.get(k)[i]));
            assertTrue(change > 1e-4, "parameter " + k + " moved by at most " + change + "; the comparison would be vacuous");
        }
    }
}
