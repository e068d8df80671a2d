package dev.gradflow.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gradflow.autograd.GradMode;
import dev.gradflow.data.Dataset;
import dev.gradflow.data.Task;
import dev.gradflow.nn.Dropout;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Mode;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    @Test
    void chunkedOutputsEqualOneForwardPassInEvaluationMode() {
        int rows = Evaluator.CHUNK_ROWS * 2 + 37; // three chunks, the last one short
        SplittableRandom random = new SplittableRandom(4);
        Sequential model = new Sequential(new Linear(5, 3, random), new Dropout(0.5f, 11));
        Tensor x = Tensor.randn(new SplittableRandom(8), rows, 5);

        Tensor chunked = Evaluator.outputs(model, x);

        model.setMode(Mode.EVALUATION);
        Tensor whole;
        try (var _ = GradMode.noGrad()) {
            whole = model.forward(x);
        }
        model.setMode(Mode.TRAINING);
        assertArrayEquals(new int[] {rows, 3}, chunked.shape().dims());
        assertArrayEquals(whole.data(), chunked.data(), "dropout is off and every row is computed once");
        assertFalse(chunked.requiresGrad(), "no graph is recorded");
    }

    @Test
    void measureGivesTheLossOfTheWholeSet() {
        Dataset data = TrainingFixtures.linearRegression(50, 2);
        Sequential model = TrainingFixtures.smallMlp(3);
        Metrics m = new Evaluator(model, new MseLoss(), Task.REGRESSION).measure(data);
        double expected;
        try (var _ = GradMode.noGrad()) {
            expected = new MseLoss().compute(model.forward(data.features()), data.targets()).item();
        }
        assertEquals(expected, m.loss(), 1e-7);
    }
}
