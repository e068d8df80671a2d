package dev.gradflow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Sgd;
import dev.gradflow.optim.SgdConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientNormRecorderTest {

    @Test
    void keepsTheFirstAndLatestStepsNormsOfTheSelectedParameters() {
        Sequential model = TrainingFixtures.smallMlp(3);
        GradientNormRecorder weights = GradientNormRecorder.weights();
        GradientNormRecorder all = GradientNormRecorder.all();
        double[] firstNormOfLayer0 = new double[1];
        new Trainer(model, new MseLoss(), new Sgd(model.parameters(), SgdConfig.defaults().withLearningRate(0.1)),
                TrainingConfig.DEFAULTS.withBudget(Budget.steps(5)))
                .addListener(weights)
                .addListener(all)
                .addListener(new TrainingListener() {
                    @Override
                    public void afterBackward(StepContext c) {
                        if (c.step() == 1) firstNormOfLayer0[0] = GradientNorms.of(model.namedParameters().get("0.weight"));
                    }
                })
                .fit(TrainingFixtures.linearRegression(32, 1));

        assertEquals(List.of("0.weight", "2.weight"), List.copyOf(weights.firstStep().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(all.lastStep().keySet()));
        assertEquals(firstNormOfLayer0[0], weights.firstStep().get("0.weight"));
        assertNotEquals(weights.firstStep().get("0.weight"), weights.lastStep().get("0.weight"));
        assertEquals(5, weights.lastStepNumber());
    }
}
