package dev.gradflow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gradflow.data.Task;
import dev.gradflow.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void accuracyTakesTheArgMaxOfEachRow() {
        Tensor logits = Tensor.matrix(new float[][] {{0.1f, 2f, 0.3f}, {5f, 1f, 1f}, {0f, 0f, 0f}, {1f, 1f, 3f}});
        Tensor classes = Tensor.vector(1, 0, 1, 0);
        // Row 2 ties: arg-max takes the first (class 0), which is wrong; row 3 predicts 2, wrong.
        assertEquals(0.5, Metrics.accuracy(logits, classes));
    }

    @Test
    void binaryAccuracyThresholdsTheLogitAtZero() {
        Tensor logits = Tensor.of(new float[] {-1f, 2f, 0.5f, 0f}, 4, 1);
        assertEquals(0.75, Metrics.accuracy(logits, Tensor.vector(0, 1, 1, 1)));
    }

    @Test
    void rSquaredMatchesTheDefinition() {
        // y = [1, 2, 3, 4], ŷ = [1, 2, 3, 5]: SS_res = 1, SS_tot = 5 → R² = 0.8.
        assertEquals(0.8, Metrics.rSquared(Tensor.of(new float[] {1, 2, 3, 5}, 4, 1), Tensor.of(new float[] {1, 2, 3, 4}, 4, 1)), 1e-12);
        // Two columns average: the second is predicted by its mean (R² = 0).
        Tensor y = Tensor.matrix(new float[][] {{1, 0}, {2, 2}, {3, 4}, {4, 6}});
        Tensor p = Tensor.matrix(new float[][] {{1, 3}, {2, 3}, {3, 3}, {5, 3}});
        assertEquals(0.4, Metrics.rSquared(p, y), 1e-12);
        // Constant targets: exact → 1, otherwise 0.
        assertEquals(1.0, Metrics.rSquared(Tensor.vector(2, 2), Tensor.vector(2, 2)));
        assertEquals(0.0, Metrics.rSquared(Tensor.vector(2, 3), Tensor.vector(2, 2)));
    }

    @Test
    void metricsPickTheTasksScore() {
        Metrics regression = Metrics.of(Task.REGRESSION, 0.5, Tensor.vector(1, 2), Tensor.vector(1, 2));
        assertEquals(1.0, regression.rSquared());
        assertEquals(Double.NaN, regression.accuracy());
        Metrics classification = Metrics.of(Task.CLASSIFICATION, 0.5, Tensor.vector(1, -1), Tensor.vector(1, 0));
        assertEquals(1.0, classification.accuracy());
        assertEquals(Double.NaN, classification.rSquared());
    }
}
