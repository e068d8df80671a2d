package dev.gradflow.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
