package dev.gradflow.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Each fused loss against its doc-comment formula written out literally in double, for every reduction; plus the
 * factory, the numerically hard inputs and the target validation of cross-entropy.
 */
class LossFormulaTest {
    private static final double TOLERANCE = 1e-5;

    private final SplittableRandom random = new SplittableRandom(11);
    private final Tensor x = Tensor.uniform(random, -3f, 3f, 4, 3);
    private final Tensor y = Tensor.uniform(random, -3f, 3f, 4, 3);

    @Test
    void mseIsTheMeanSquaredDifference() {
        double[] terms = new double[x.size()];
        for (int i = 0; i < terms.length; i++) terms[i] = Math.pow((double) x.data()[i] - y.data()[i], 2);
        assertReductions(terms, r -> new MseLoss(r).compute(x, y));
    }

    @Test
    void l1IsTheMeanAbsoluteDifference() {
        double[] terms = new double[x.size()];
        for (int i = 0; i < terms.length; i++) terms[i] = Math.abs((double) x.data()[i] - y.data()[i]);
        assertReductions(terms, r -> new L1Loss(r).compute(x, y));
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        double delta = 0.75;
        double[] terms = new double[x.size()];
        for (int i = 0; i < terms.length; i++) {
            double d = Math.abs((double) x.data()[i] - y.data()[i]);
            terms[i] = d < delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
        }
        assertReductions(terms, r -> new HuberLoss(delta, r).compute(x, y));
    }

    @Test
    void bceWithLogitsIsTheBinaryCrossEntropyOfTheSigmoid() {
        Tensor probabilities = Tensor.rand(random, 4, 3);
        double[] terms = new double[x.size()];
        for (int i = 0; i < terms.length; i++) {
            double s = 1.0 / (1.0 + Math.exp(-x.data()[i]));
            double t = probabilities.data()[i];
            terms[i] = -(t * Math.log(s) + (1 - t) * Math.log(1 - s));
        }
        assertReductions(terms, r -> new BceWithLogitsLoss(r).compute(x, probabilities));
    }

    @Test
    void bceWithLogitsStaysFiniteForHugeLogits() {
        Tensor logits = Tensor.vector(200f, -200f, 200f, -200f).requiresGrad(true);
        Tensor targets = Tensor.vector(1f, 0f, 0f, 1f);
        Tensor loss = new BceWithLogitsLoss(Reduction.NONE).compute(logits, targets);
        assertEquals(0f, loss.data()[0]);
        assertEquals(0f, loss.data()[1]);
        assertEquals(200f, loss.data()[2]);
        assertEquals(200f, loss.data()[3]);
        loss.sum().backward();
        float[] g = logits.grad().data();
        assertEquals(0f, g[0]);
        assertEquals(0f, g[1]);
        assertEquals(1f, g[2]);
        assertEquals(-1f, g[3]);
    }

    @Test
    void crossEntropyIsSmoothedNegativeLogLikelihoodOfTheSoftmax() {
        double smoothing = 0.2;
        float[] labels = {2f, 0f, 1f, 2f};
        double[] terms = new double[4];
        for (int i = 0; i < 4; i++) {
            double logSum = 0;
            for (int c = 0; c < 3; c++) logSum += Math.exp(x.get(i, c));
            logSum = Math.log(logSum);
            double all = 0;
            for (int c = 0; c < 3; c++) all += x.get(i, c) - logSum;
            terms[i] = -(1 - smoothing) * (x.get(i, (int) labels[i]) - logSum) - smoothing / 3 * all;
        }
        assertReductions(terms, r -> new CrossEntropyLoss(smoothing, r).compute(x, Tensor.vector(labels)));
    }

    @Test
    void crossEntropyStaysFiniteForHugeLogits() {
        Tensor logits = Tensor.matrix(new float[][] {{1000f, -1000f}, {-1000f, 1000f}});
        Tensor loss = new CrossEntropyLoss(0.0, Reduction.NONE).compute(logits, Tensor.vector(0f, 0f));
        assertEquals(0f, loss.data()[0]);
        assertEquals(2000f, loss.data()[1]);
    }

    @Test
    void crossEntropyNamesTheRowOfABadTarget() {
        Tensor logits = Tensor.zeros(3, 4);
        for (float bad : new float[] {1.5f, 4f, -1f, Float.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new CrossEntropyLoss().compute(logits, Tensor.vector(0f, bad, 3f)));
            assertTrue(e.getMessage().contains("cross_entropy") && e.getMessage().contains("row 1"), e.getMessage());
        }
    }

    @Test
    void factoryKnowsEverySpecName() {
        assertInstanceOf(MseLoss.class, Losses.byName("mse"));
        assertInstanceOf(L1Loss.class, Losses.byName("l1"));
        assertEquals(new HuberLoss(1.0, Reduction.MEAN), Losses.byName("huber"));
        assertInstanceOf(BceWithLogitsLoss.class, Losses.byName("bce_with_logits"));
        assertEquals(new CrossEntropyLoss(0.0, Reduction.MEAN), Losses.byName("cross_entropy"));
        for (String name : new String[] {"mse", "l1", "huber", "bce_with_logits", "cross_entropy"}) {
            assertEquals(name, Losses.byName(name).name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.byName("hinge"));
        assertTrue(e.getMessage().contains("hinge") && e.getMessage().contains("cross_entropy"), e.getMessage());
    }

    @Test
    void configurationsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new HuberLoss(0.0));
        assertThrows(IllegalArgumentException.class, () -> new HuberLoss(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss(1.5));
        assertThrows(IllegalArgumentException.class, () -> new MseLoss(null));
        assertThrows(IllegalArgumentException.class, () -> Reduction.byName("average"));
    }

    /** The loss under MEAN, SUM and NONE equals the mean, the sum and the list of the literal terms. */
    private static void assertReductions(double[] terms, java.util.function.Function<Reduction, Tensor> loss) {
        double sum = 0;
        for (double t : terms) sum += t;
        Tensor mean = loss.apply(Reduction.MEAN);
        assertEquals(Shape.scalar(), mean.shape());
        assertEquals(sum / terms.length, mean.item(), TOLERANCE * Math.max(1, Math.abs(sum)));
        assertEquals(sum, loss.apply(Reduction.SUM).item(), TOLERANCE * Math.max(1, Math.abs(sum)));
        Tensor none = loss.apply(Reduction.NONE);
        assertEquals(terms.length, none.size());
        for (int i = 0; i < terms.length; i++) assertEquals(terms[i], none.data()[i], TOLERANCE * Math.max(1, Math.abs(terms[i])));
    }
}
