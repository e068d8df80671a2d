package dev.gradflow.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.autograd.MatrixOps;
import dev.gradflow.autograd.ShapeOps;
import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Dropout;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.BceWithLogitsLoss;
import dev.gradflow.nn.loss.CrossEntropyLoss;
import dev.gradflow.nn.loss.HuberLoss;
import dev.gradflow.nn.loss.L1Loss;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.nn.loss.Reduction;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one place where every differentiable op, layer and loss meets {@link GradientCheck}: its analytic gradient
 * against central finite differences, for every input, under a random cotangent. Inputs are drawn away from
 * kinks (ReLU at 0, clamp bounds, |x − y| = 0 in L1, ties in max) by more than the check's ε = 1e-3.
 */
class FiniteDifferenceTest {

    /** A function of some inputs (each requiring grad) to check. */
    record Case(String name, Function<List<Tensor>, Tensor> function, List<Tensor> inputs) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A pointwise function with the interval its inputs are drawn from and the points they must stay away from. */
    record Domain(PointwiseFunction function, double low, double high, double... kinks) {}

    private static final double KINK_MARGIN = 0.05;

    static List<Domain> pointwiseDomains() {
        return List.of(
                new Domain(PointwiseFunction.Neg.INSTANCE, -2, 2),
                new Domain(PointwiseFunction.Exp.INSTANCE, -2, 2),
                new Domain(PointwiseFunction.Log.INSTANCE, 0.2, 3),
                new Domain(PointwiseFunction.Sqrt.INSTANCE, 0.2, 3),
                new Domain(PointwiseFunction.Abs.INSTANCE, -2, 2, 0),
                new Domain(PointwiseFunction.Square.INSTANCE, -2, 2),
                new Domain(new PointwiseFunction.Pow(3f), -2, 2),
                new Domain(new PointwiseFunction.Pow(0.5f), 0.2, 3),
                new Domain(new PointwiseFunction.Pow(-1.5f), 0.3, 3),
                new Domain(new PointwiseFunction.Clamp(-0.5f, 1f), -2, 2, -0.5, 1),
                new Domain(PointwiseFunction.Identity.INSTANCE, -2, 2),
                new Domain(PointwiseFunction.Sigmoid.INSTANCE, -4, 4),
                new Domain(PointwiseFunction.Tanh.INSTANCE, -3, 3),
                new Domain(PointwiseFunction.Relu.INSTANCE, -2, 2, 0),
                new Domain(new PointwiseFunction.LeakyRelu(0.01f), -2, 2, 0),
                new Domain(new PointwiseFunction.LeakyRelu(0.2f), -2, 2, 0),
                new Domain(new PointwiseFunction.Elu(1f), -2, 2, 0),
                new Domain(new PointwiseFunction.Elu(0.5f), -2, 2, 0),
                new Domain(PointwiseFunction.Selu.INSTANCE, -2, 2, 0),
                new Domain(PointwiseFunction.Gelu.INSTANCE, -3, 3),
                new Domain(PointwiseFunction.GeluTanh.INSTANCE, -3, 3),
                new Domain(PointwiseFunction.Silu.INSTANCE, -3, 3),
                new Domain(new PointwiseFunction.Softplus(1f, 20f), -3, 3),
                new Domain(new PointwiseFunction.Softplus(2f, 2f), -3, 3, 1), // linear above βx = threshold
                new Domain(PointwiseFunction.Softsign.INSTANCE, -3, 3),
                new Domain(new PointwiseFunction.Hardtanh(-1f, 1f), -2, 2, -1, 1),
                new Domain(PointwiseFunction.Mish.INSTANCE, -3, 3));
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        Draw draw = new Draw(20240601L);
        pointwise(cases, draw);
        broadcasting(cases, draw);
        matrices(cases, draw);
        reductions(cases, draw);
        shapes(cases, draw);
        softmax(cases, draw);
        layers(cases, draw);
        losses(cases, draw);
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyticGradientMatchesFiniteDifferences(Case c) {
        GradientCheck.Result result = GradientCheck.check(c.function(), c.inputs(), new SplittableRandom(c.name().hashCode()));
        assertTrue(result.passed(), c.name() + ": " + result);
    }

    @Test
    void everyPointwiseFunctionIsChecked() {
        Set<Class<?>> checked = new HashSet<>();
        for (Domain d : pointwiseDomains()) checked.add(d.function().getClass());
        Set<Class<?>> all = new HashSet<>(Arrays.asList(PointwiseFunction.class.getPermittedSubclasses()));
        assertEquals(all, checked, "every PointwiseFunction needs a domain in pointwiseDomains()");
    }

    // ---------------------------------------------------------------- ops

    private static void pointwise(List<Case> cases, Draw draw) {
        for (Domain d : pointwiseDomains()) {
            cases.add(new Case("pointwise " + d.function(), in -> in.get(0).apply(d.function()),
                    List.of(draw.awayFrom(d.low(), d.high(), d.kinks(), 3, 4))));
        }
        cases.add(new Case("add_scalar", in -> in.get(0).add(1.5f), List.of(draw.uniform(-2, 2, 3, 4))));
        cases.add(new Case("mul_scalar", in -> in.get(0).mul(-2.5f), List.of(draw.uniform(-2, 2, 3, 4))));
    }

    private static void broadcasting(List<Case> cases, Draw draw) {
        int[][][] patterns = {
                {{3, 4}, {3, 4}},
                {{3, 4}, {4}},
                {{3, 4}, {3, 1}},
                {{3, 1}, {1, 4}},
                {{3, 4}, {}},
                {{2, 3, 4}, {3, 1}},
                {{4}, {2, 3, 4}},
                {{1, 3, 1}, {2, 1, 4}}};
        record Op(String name, BinaryOperator<Tensor> apply) {}
        List<Op> ops = List.of(new Op("add", Tensor::add), new Op("sub", Tensor::sub), new Op("mul", Tensor::mul), new Op("div", Tensor::div));
        for (Op op : ops) {
            for (int[][] p : patterns) {
                Tensor a = draw.uniform(-2, 2, p[0]);
                Tensor b = op.name().equals("div") ? draw.awayFromZero(0.5, 2, p[1]) : draw.uniform(-2, 2, p[1]);
                cases.add(new Case(op.name() + " " + Arrays.toString(p[0]) + " " + Arrays.toString(p[1]),
                        in -> op.apply().apply(in.get(0), in.get(1)), List.of(a, b)));
            }
        }
    }

    private static void matrices(List<Case> cases, Draw draw) {
        cases.add(new Case("matmul [3, 4]·[4, 5]", in -> in.get(0).matmul(in.get(1)),
                List.of(draw.uniform(-1, 1, 3, 4), draw.uniform(-1, 1, 4, 5))));
        cases.add(new Case("matmul batched [2, 3, 4]·[4, 5]", in -> in.get(0).matmul(in.get(1)),
                List.of(draw.uniform(-1, 1, 2, 3, 4), draw.uniform(-1, 1, 4, 5))));
        cases.add(new Case("linear with bias", in -> MatrixOps.linear(in.get(0), in.get(1), in.get(2)),
                List.of(draw.uniform(-1, 1, 5, 4), draw.uniform(-1, 1, 3, 4), draw.uniform(-1, 1, 3))));
        cases.add(new Case("linear without bias", in -> MatrixOps.linear(in.get(0), in.get(1), null),
                List.of(draw.uniform(-1, 1, 5, 4), draw.uniform(-1, 1, 3, 4))));
        cases.add(new Case("linear batched [2, 3, 4]", in -> MatrixOps.linear(in.get(0), in.get(1), in.get(2)),
                List.of(draw.uniform(-1, 1, 2, 3, 4), draw.uniform(-1, 1, 3, 4), draw.uniform(-1, 1, 3))));
        cases.add(new Case("transpose [3, 5]", in -> in.get(0).transpose(), List.of(draw.uniform(-1, 1, 3, 5))));
    }

    private static void reductions(List<Case> cases, Draw draw) {
        cases.add(new Case("sum all", in -> in.get(0).sum(), List.of(draw.uniform(-2, 2, 2, 3, 4))));
        cases.add(new Case("mean all", in -> in.get(0).mean(), List.of(draw.uniform(-2, 2, 2, 3, 4))));
        cases.add(new Case("max all", in -> in.get(0).max(), List.of(draw.distinct(2, 3, 4))));
        for (int axis : new int[] {0, 1, 2, -1}) {
            for (boolean keepDim : new boolean[] {false, true}) {
                String where = " axis " + axis + " keepDim " + keepDim;
                cases.add(new Case("sum" + where, in -> in.get(0).sum(axis, keepDim), List.of(draw.uniform(-2, 2, 2, 3, 4))));
                cases.add(new Case("mean" + where, in -> in.get(0).mean(axis, keepDim), List.of(draw.uniform(-2, 2, 2, 3, 4))));
                cases.add(new Case("max" + where, in -> in.get(0).max(axis, keepDim), List.of(draw.distinct(2, 3, 4))));
            }
        }
    }

    private static void shapes(List<Case> cases, Draw draw) {
        cases.add(new Case("reshape [2, 3, 4] to [4, -1]", in -> in.get(0).reshape(4, -1), List.of(draw.uniform(-1, 1, 2, 3, 4))));
        cases.add(new Case("reshape [2, 3, 4] to [24]", in -> in.get(0).reshape(24), List.of(draw.uniform(-1, 1, 2, 3, 4))));
        cases.add(new Case("concat axis 0", in -> ShapeOps.concat(in, 0),
                List.of(draw.uniform(-1, 1, 1, 4), draw.uniform(-1, 1, 2, 4), draw.uniform(-1, 1, 3, 4))));
        cases.add(new Case("concat axis 1", in -> ShapeOps.concat(in, 1),
                List.of(draw.uniform(-1, 1, 3, 2), draw.uniform(-1, 1, 3, 3))));
        cases.add(new Case("concat middle axis of 3-D", in -> ShapeOps.concat(in, 1),
                List.of(draw.uniform(-1, 1, 2, 1, 4), draw.uniform(-1, 1, 2, 3, 4))));
        cases.add(new Case("concat axis -1 of 3-D", in -> ShapeOps.concat(in, -1),
                List.of(draw.uniform(-1, 1, 2, 3, 2), draw.uniform(-1, 1, 2, 3, 1))));
        cases.add(new Case("slice rows [1, 4) of [5, 3]", in -> in.get(0).rows(1, 4), List.of(draw.uniform(-1, 1, 5, 3))));
        cases.add(new Case("index_select rows with a repeat", in -> in.get(0).indexSelect(new int[] {2, 0, 2, 3, 2}),
                List.of(draw.uniform(-1, 1, 4, 3))));
    }

    private static void softmax(List<Case> cases, Draw draw) {
        for (int axis : new int[] {-1, 1, 0}) {
            cases.add(new Case("softmax axis " + axis, in -> in.get(0).softmax(axis), List.of(draw.uniform(-2, 2, 2, 3, 4))));
            cases.add(new Case("log_softmax axis " + axis, in -> in.get(0).logSoftmax(axis), List.of(draw.uniform(-2, 2, 2, 3, 4))));
        }
    }

    // ---------------------------------------------------------------- layers

    private static void layers(List<Case> cases, Draw draw) {
        Linear linear = new Linear(4, 3, new SplittableRandom(5));
        cases.add(new Case("Linear layer", in -> linear.forward(in.get(0)),
                List.of(draw.uniform(-1, 1, 5, 4), linear.weight(), linear.bias())));
        Linear noBias = new Linear(draw.uniform(-1, 1, 3, 4), null);
        cases.add(new Case("Linear layer without bias", in -> noBias.forward(in.get(0)),
                List.of(draw.uniform(-1, 1, 5, 4), noBias.weight())));
        Linear first = new Linear(4, 6, new SplittableRandom(6));
        Linear second = new Linear(6, 2, new SplittableRandom(7));
        Sequential network = new Sequential(first, Activation.of("tanh"), second);
        List<Tensor> networkInputs = new ArrayList<>();
        networkInputs.add(draw.uniform(-1, 1, 5, 4));
        networkInputs.addAll(network.parameters());
        cases.add(new Case("Sequential linear-tanh-linear", in -> network.forward(in.get(0)), networkInputs));
        // A fresh generator with the same seed for every evaluation: each sees the same dropout mask.
        cases.add(new Case("Dropout p = 0.3", in -> new Dropout(0.3f, new SplittableRandom(99)).forward(in.get(0)),
                List.of(draw.uniform(-2, 2, 4, 5))));
    }

    // ---------------------------------------------------------------- losses

    private static void losses(List<Case> cases, Draw draw) {
        for (Reduction r : Reduction.values()) {
            elementwiseLoss(cases, new MseLoss(r), draw.uniform(-2, 2, 4, 3), draw.uniform(-2, 2, 4, 3));
            Tensor prediction = draw.uniform(-2, 2, 4, 3);
            elementwiseLoss(cases, new L1Loss(r), prediction, draw.offsetFrom(prediction, 0.1, 1.5));
            Tensor huberPrediction = draw.uniform(-2, 2, 4, 3);
            elementwiseLoss(cases, new HuberLoss(0.5, r), huberPrediction, draw.offsetFrom(huberPrediction, 0.1, 1.5));
            elementwiseLoss(cases, new BceWithLogitsLoss(r), draw.uniform(-3, 3, 4, 3), draw.uniform(0, 1, 4, 3));
            for (double smoothing : new double[] {0.0, 0.1}) {
                Loss loss = new CrossEntropyLoss(smoothing, r);
                Tensor labels = Tensor.vector(2f, 0f, 4f, 2f);
                cases.add(new Case(loss.toString(), in -> loss.compute(in.get(0), labels), List.of(draw.uniform(-3, 3, 4, 5))));
            }
        }
    }

    private static void elementwiseLoss(List<Case> cases, Loss loss, Tensor prediction, Tensor target) {
        cases.add(new Case(loss.toString(), in -> loss.compute(in.get(0), in.get(1)), List.of(prediction, target)));
    }

    // ---------------------------------------------------------------- inputs

    /** Seeded input tensors (each requiring grad). */
    private static final class Draw {
        private final SplittableRandom random;

        Draw(long seed) {
            this.random = new SplittableRandom(seed);
        }

        Tensor uniform(double low, double high, int... dims) {
            return Tensor.uniform(random, (float) low, (float) high, dims).requiresGrad(true);
        }

        /** U(low, high), redrawn while within {@link #KINK_MARGIN} of a kink. */
        Tensor awayFrom(double low, double high, double[] kinks, int... dims) {
            Tensor t = Tensor.zeros(dims);
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) {
                float v;
                do {
                    v = (float) random.nextDouble(low, high);
                } while (nearKink(v, kinks));
                d[i] = v;
            }
            return t.requiresGrad(true);
        }

        /** ±U(minAbs, maxAbs) with a random sign. */
        Tensor awayFromZero(double minAbs, double maxAbs, int... dims) {
            Tensor t = Tensor.zeros(dims);
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) d[i] = (float) (random.nextDouble(minAbs, maxAbs) * (random.nextBoolean() ? 1 : -1));
            return t.requiresGrad(true);
        }

        /** x + (±U(minAbs, maxAbs)): a target whose difference from x stays away from 0. */
        Tensor offsetFrom(Tensor x, double minAbs, double maxAbs) {
            Tensor offset = awayFromZero(minAbs, maxAbs, x.dims());
            float[] d = offset.data();
            for (int i = 0; i < d.length; i++) d[i] += x.data()[i];
            return offset;
        }

        /** Distinct values 0.1 apart in random order: no ties within ε for max. */
        Tensor distinct(int... dims) {
            Tensor t = Tensor.zeros(dims);
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) d[i] = (i - d.length / 2) * 0.1f;
            for (int i = d.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                float swap = d[i];
                d[i] = d[j];
                d[j] = swap;
            }
            return t.requiresGrad(true);
        }

        private static boolean nearKink(double v, double[] kinks) {
            for (double k : kinks) if (Math.abs(v - k) < KINK_MARGIN) return true;
            return false;
        }
    }
}
