package dev.gradflow.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.optim.Optimizers;
import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The range test on the article's MLP agrees with a small sweep of fixed learning rates. */
class LearningRateFinderTest {
    private static final int N = 256;
    private static final Tensor X = Tensor.rand(new SplittableRandom(5), N, 10);
    private static final Tensor Y = target(X);

    private static Tensor target(Tensor x) {
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 10; j++) y[i] += x.data()[i * 10 + j] * (j % 2 == 0 ? 1 : -1);
        }
        return Tensor.of(y, N, 1);
    }

    private static Sequential mlp() {
        SplittableRandom r = new SplittableRandom(0);
        return new Sequential(new Linear(10, 128, r), Activation.of("relu"), new Linear(128, 64, r), Activation.of("relu"), new Linear(64, 1, r));
    }

    private static double finalLoss(double lr, int steps) {
        Sequential model = mlp();
        Optimizer adam = Optimizers.create("adam", model.parameters(), lr);
        MseLoss mse = new MseLoss();
        double loss = Double.NaN;
        for (int s = 0; s < steps; s++) {
            adam.zeroGrad();
            Tensor l = mse.compute(model.forward(X), Y);
            loss = l.item();
            l.backward();
            adam.step();
        }
        return Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY;
    }

    @Test
    void suggestionIsWithinTenTimesOfTheBestFixedRate() {
        double best = Double.NaN;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double lr : List.of(1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1)) {
            double l = finalLoss(lr, 150);
            if (l < bestLoss) {
                bestLoss = l;
                best = lr;
            }
        }
        Sequential model = mlp();
        float[] before = model.parameters().get(0).toArray();
        LearningRateFinder.Result r = LearningRateFinder.run(model, new MseLoss(), Optimizers.create("adam", model.parameters(), 1e-3),
                i -> new LearningRateFinder.Batch(X, Y), LearningRateFinder.Config.defaults());
        assertTrue(r.valley() > best / 10 && r.valley() < best * 10, "valley " + r.valley() + " vs best fixed rate " + best);
        double minimum = r.smoothed().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertTrue(r.smoothed().get(r.smoothed().size() - 1) > 2 * minimum, "the curve turns up at high rates: " + r.smoothed());
        assertEquals(r.lrs().size(), r.smoothed().size());
        assertTrue(java.util.Arrays.equals(before, model.parameters().get(0).data()), "weights are restored afterwards");
    }

    @Test
    void suggestionRulesOnAKnownCurve() {
        // A curve flat at 1, falling linearly in log(lr) from index 10 to 30, flat at 0 until 40, then rising.
        List<Double> lrs = new java.util.ArrayList<>();
        List<Double> s = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lrs.add(Math.pow(10, -6 + i * 0.1));
            s.add(i < 10 ? 1.0 : i < 30 ? 1.0 - (i - 10) / 20.0 : i < 40 ? 0.0 + (i - 30) * 1e-6 : (i - 40) * 0.5);
        }
        assertEquals(lrs.get(30) / 10, LearningRateFinder.minimumTenth(lrs, s), 1e-12);
        double steepest = LearningRateFinder.steepest(lrs, s);
        assertTrue(steepest >= lrs.get(10) && steepest <= lrs.get(30), "steepest " + steepest);
        double valley = LearningRateFinder.valley(lrs, s);
        assertTrue(valley > lrs.get(10) && valley < lrs.get(30), "valley " + valley);
    }
}
