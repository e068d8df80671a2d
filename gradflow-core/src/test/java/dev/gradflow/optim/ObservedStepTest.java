package dev.gradflow.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.backend.BlockwiseUpdate;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code step(UpdateObserver)}: the parameters and the state end with the bits of {@code step()}, and the observer
 * is told, once per updated parameter, Σ W_before² and Σ (W_after − W_before)² of the step.
 */
class ObservedStepTest {
    /** One parameter spans three blocks of a blockwise-measured step, the last one partial. */
    private static final int[] SIZES = {2 * BlockwiseUpdate.BLOCK + 5, 12, 1};

    @TestFactory
    Stream<DynamicTest> anObservedStepIsAPlainStepMeasured() {
        return OptimizerStateTest.kinds().stream().map(k -> DynamicTest.dynamicTest(k.label(), () -> compare(k)));
    }

    private static void compare(OptimizerStateTest.Kind kind) {
        List<Tensor> plain = parameters();
        List<Tensor> observed = parameters();
        Optimizer plainOptimizer = kind.create().apply(plain);
        Optimizer observedOptimizer = kind.create().apply(observed);
        SplittableRandom random = new SplittableRandom(11);
        for (int t = 0; t < 3; t++) {
            for (int k = 0; k < SIZES.length; k++) {
                float[] g = plain.get(k).gradBuffer();
                for (int i = 0; i < g.length; i++) g[i] = (float) random.nextGaussian();
                System.arraycopy(g, 0, observed.get(k).gradBuffer(), 0, g.length);
            }
            List<float[]> previous = new ArrayList<>();
            for (Tensor p : observed) previous.add(p.data().clone());
            Map<Tensor, double[]> told = new IdentityHashMap<>();
            plainOptimizer.step();
            observedOptimizer.step((parameter, weightSquares, updateSquares) -> {
                double[] old = told.put(parameter, new double[] {weightSquares, updateSquares});
                assertEquals(null, old, "each parameter told once");
            });
            assertEquals(SIZES.length, told.size());
            for (int k = 0; k < SIZES.length; k++) {
                String what = kind.label() + " step " + (t + 1) + " parameter " + k;
                float[] after = observed.get(k).data();
                assertArrayEquals(plain.get(k).data(), after, what + ": the bits of step()");
                double weightSquares = 0;
                double updateSquares = 0;
                for (int i = 0; i < after.length; i++) {
                    float before = previous.get(k)[i];
                    float difference = after[i] - before;
                    weightSquares += (double) before * before;
                    updateSquares += (double) difference * difference;
                }
                double[] sums = told.get(observed.get(k));
                // Adam's measuring SIMD loop adds squares in float lanes: within n·2⁻²⁴ relative (the others: double).
                double tolerance = (after.length + 1) * 0x1p-24;
                assertEquals(weightSquares, sums[0], tolerance * weightSquares, what + ": Σ W_before²");
                assertEquals(updateSquares, sums[1], tolerance * updateSquares, what + ": Σ ΔW²");
                assertTrue(updateSquares > 0, what);
            }
        }
        assertEquals(plainOptimizer.state(), observedOptimizer.state(), kind.label() + ": the state of step()");
    }

    /**
     * The update rules are elementwise with per-parameter scalars (step count, NAdam's Π): the last elements of a
     * parameter stepped in several chunks get the bits of the same values stepped as a parameter of their own.
     */
    @TestFactory
    Stream<DynamicTest> aParameterInChunksStepsLikeTheSameValuesInOne() {
        return OptimizerStateTest.kinds().stream().map(k -> DynamicTest.dynamicTest(k.label(), () -> {
            int n = 2 * BlockwiseUpdate.BLOCK + 5;
            int tail = 7;
            SplittableRandom random = new SplittableRandom(5);
            Tensor big = Tensor.randn(random, n).requiresGrad(true);
            Tensor small = Tensor.of(java.util.Arrays.copyOfRange(big.data(), n - tail, n), tail).requiresGrad(true);
            Optimizer whole = k.create().apply(List.of(big));
            Optimizer part = k.create().apply(List.of(small));
            for (int t = 0; t < 4; t++) {
                float[] g = big.gradBuffer();
                for (int i = 0; i < n; i++) g[i] = (float) random.nextGaussian();
                System.arraycopy(g, n - tail, small.gradBuffer(), 0, tail);
                if (t % 2 == 0) {
                    whole.step();
                    part.step();
                } else {
                    whole.step((p, w, u) -> {});
                    part.step((p, w, u) -> {});
                }
                assertArrayEquals(small.data(), java.util.Arrays.copyOfRange(big.data(), n - tail, n),
                        k.label() + " step " + (t + 1) + ": the last chunk as a parameter of its own");
            }
        }));
    }

    private static List<Tensor> parameters() {
        SplittableRandom random = new SplittableRandom(3);
        List<Tensor> out = new ArrayList<>();
        for (int n : SIZES) out.add(Tensor.randn(random, n).requiresGrad(true));
        return out;
    }
}
