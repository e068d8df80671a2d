package dev.gradflow.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gradflow.data.Dataset;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.optim.Optimizers;
import dev.gradflow.regularize.L1Penalty;
import dev.gradflow.regularize.L2Penalty;
import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Several penalties on one trainer sum: L = L_data + λ₁Σ|w| + λ₂Σw² (the elastic net). */
class TrainerPenaltiesTest {
    private static final double LR = 0.1;

    @Test
    void l1AndL2TogetherTakeTheStepOfTheSummedObjective() {
        Dataset data = TrainingFixtures.linearRegression(16, 5);
        L1Penalty l1 = L1Penalty.of(0.03);
        L2Penalty l2 = L2Penalty.of(0.2);

        Sequential trained = TrainingFixtures.smallMlp(9);
        new Trainer(trained, new MseLoss(), Optimizers.create("sgd", trained.parameters(), LR),
                TrainingConfig.DEFAULTS.withBudget(Budget.steps(1)))
                .withPenalty(l1).withPenalty(l2).fit(data);

        // The same step by hand: backpropagate the whole objective through autograd, then w ← w − lr·∂L/∂w.
        Sequential byHand = TrainingFixtures.smallMlp(9);
        Map<String, Tensor> named = byHand.namedParameters();
        Tensor objective = new MseLoss().compute(byHand.forward(data.features()), data.targets())
                .add(l1.term(named)).add(l2.term(named));
        objective.backward();
        Optimizer sgd = Optimizers.create("sgd", byHand.parameters(), LR);
        sgd.step();

        List<Tensor> got = trained.parameters();
        List<Tensor> want = byHand.parameters();
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i).data(), got.get(i).data(), 1e-6f, "parameter " + i);
        }
    }

    @Test
    void oneAtATimeDiffersFromBoth() {
        Dataset data = TrainingFixtures.linearRegression(16, 5);
        Sequential onlyL2 = TrainingFixtures.smallMlp(9);
        new Trainer(onlyL2, new MseLoss(), Optimizers.create("sgd", onlyL2.parameters(), LR),
                TrainingConfig.DEFAULTS.withBudget(Budget.steps(1))).withPenalty(L2Penalty.of(0.2)).fit(data);
        Sequential both = TrainingFixtures.smallMlp(9);
        new Trainer(both, new MseLoss(), Optimizers.create("sgd", both.parameters(), LR),
                TrainingConfig.DEFAULTS.withBudget(Budget.steps(1)))
                .withPenalty(L1Penalty.of(0.03)).withPenalty(L2Penalty.of(0.2)).fit(data);
        // The L1 term moves every weight by lr·λ₁ = 0.003 towards zero (biases are not penalized).
        float[] a = onlyL2.parameters().get(0).data();
        float[] b = both.parameters().get(0).data();
        for (int i = 0; i < a.length; i++) {
            assertEquals(Math.abs(a[i]) - LR * 0.03, Math.abs(b[i]), 1e-6, "weight " + i);
        }
    }

    @Test
    void aNullPenaltyIsRefused() {
        Sequential model = TrainingFixtures.smallMlp(9);
        Trainer trainer = new Trainer(model, new MseLoss(), Optimizers.create("sgd", model.parameters(), LR), TrainingConfig.DEFAULTS);
        assertThrows(IllegalArgumentException.class, () -> trainer.withPenalty(null));
    }
}
