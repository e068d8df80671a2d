package dev.gradflow.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.data.Dataset;
import dev.gradflow.diagnostics.TestModels.Law;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Optimizers;
import dev.gradflow.regularize.L2Penalty;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.train.Budget;
import dev.gradflow.train.Trainer;
import dev.gradflow.train.TrainingConfig;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProbeListenerTest {
    private static final Tensor X = Tensor.randn(new SplittableRandom(1), 64, 8);
    private static final Tensor Y = Tensor.randn(new SplittableRandom(2), 64, 1);

    private static GradientFlowProbe train(Sequential model, L2Penalty penalty, int interval) {
        GradientFlowProbe probe = new GradientFlowProbe(model, ProbeConfig.defaults().withInterval(interval));
        Trainer t = new Trainer(model, new MseLoss(), Optimizers.create("sgd", model.parameters(), 0.05),
                TrainingConfig.DEFAULTS.withBudget(Budget.steps(5))).addListener(new ProbeListener(probe));
        if (penalty != null) t.withPenalty(penalty);
        t.fit(new Dataset(X, Y));
        return probe;
    }

    @Test
    void recordsEveryIntervalWithUpdatesMeasured() {
        GradientFlowProbe probe = train(TestModels.mlp(8, 16, 2, "relu", Law.HE, 1.0, 3), null, 2);
        assertEquals(3, probe.history().size(), "steps 1, 3 and 5");
        assertEquals(3, probe.history().get(1).step());
        ParameterStats p = probe.history().get(0).parameters().get(0);
        assertTrue(p.updateL2() > 0 && p.updateRatio() > 0, p.toString());
        // Plain SGD: the update is exactly lr·g.
        assertEquals(0.05 * p.gradL2(), p.updateL2(), 1e-6 * p.updateL2() + 1e-9);
    }

    @Test
    void probesSeeTheDataGradientNotTheL2Penalty() {
        double dataOnly = train(TestModels.mlp(8, 16, 2, "relu", Law.HE, 1.0, 3), null, 1).history().get(0).parameters().get(0).gradL2();
        GradientFlowProbe withPenalty = train(TestModels.mlp(8, 16, 2, "relu", Law.HE, 1.0, 3), L2Penalty.of(0.5), 1);
        ParameterStats first = withPenalty.history().get(0).parameters().get(0);
        assertEquals(dataOnly, first.gradL2(), 1e-9, "step 1 starts from the same weights, so the data gradient is the same");
        // ...while the update did include the penalty's 2λW: larger than lr·‖g_data‖.
        assertTrue(first.updateL2() > 0.05 * first.gradL2() * 1.05, first.toString());
    }

    @Test
    void weightAndUpdateNormsAreThoseOfTheStepTaken() {
        // 8 → 2048 → 1 with Adam: the first weight (16,384 values) is measured inside the SIMD update loop.
        Sequential model = TestModels.mlp(8, 2048, 1, "tanh", Law.XAVIER, 1.0, 4);
        float[][] initial = model.parameters().stream().map(p -> p.data().clone()).toArray(float[][]::new);
        GradientFlowProbe probe = new GradientFlowProbe(model, ProbeConfig.defaults());
        new Trainer(model, new MseLoss(), Optimizers.create("adam", model.parameters(), 0.01),
                TrainingConfig.DEFAULTS.withBudget(Budget.steps(1))).addListener(new ProbeListener(probe)).fit(new Dataset(X, Y));
        StepRecord record = probe.history().get(0);
        for (int i = 0; i < initial.length; i++) {
            ParameterStats p = record.parameters().get(i);
            float[] after = model.parameters().get(i).data();
            // Adam measures in float lanes: a norm within n·2⁻²⁵ relative (half the bound on its square).
            double tolerance = (initial[i].length + 1) * 0x1p-25;
            assertEquals(norm(initial[i], null), p.weightL2(), tolerance * p.weightL2(), p.name() + ": ‖W‖ before the step");
            double update = norm(after, initial[i]);
            assertTrue(update > 0, p.name());
            assertEquals(update, p.updateL2(), tolerance * update, p.name() + ": ‖W_after − W_before‖");
        }
    }

    @Test
    void aRecordedStepTakenWithoutTheObserverIsRefusedNotMisreported() {
        Sequential model = TestModels.mlp(8, 16, 1, "relu", Law.HE, 1.0, 5);
        GradientFlowProbe probe = new GradientFlowProbe(model, ProbeConfig.defaults());
        var optimizer = Optimizers.create("sgd", model.parameters(), 0.1);
        for (int step = 1; step <= 2; step++) {
            optimizer.zeroGrad();
            probe.beginStep(step);
            Tensor loss = new MseLoss().compute(model.forward(X), Y);
            loss.backward();
            probe.afterBackward(loss.item(), 0.1);
            if (step == 1) {
                probe.stepOptimizer(optimizer);
                assertTrue(probe.endStep(Double.NaN, false).parameters().get(0).updateL2() > 0);
            } else {
                optimizer.step();
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> probe.endStep(Double.NaN, false));
                assertTrue(e.getMessage().contains("0.weight") && e.getMessage().contains("updateObserver"), e.getMessage());
            }
        }
    }

    /** ‖a − b‖₂ in double (‖a‖₂ when b is null). */
    private static double norm(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = b == null ? a[i] : (double) a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
