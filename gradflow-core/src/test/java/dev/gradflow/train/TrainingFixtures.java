package dev.gradflow.train;

import dev.gradflow.data.Dataset;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Sequential;
import dev.gradflow.tensor.Tensor;
import java.util.SplittableRandom;

/** Small seeded problems for the loop's tests. */
final class TrainingFixtures {
    private TrainingFixtures() {}

    /** y = x·[1, −2, 0.5] + 0.3 over {@code rows} rows of x ~ U[0, 1)³; targets [rows, 1]. */
    static Dataset linearRegression(int rows, long seed) {
        Tensor x = Tensor.rand(new SplittableRandom(seed), rows, 3);
        float[] y = new float[rows];
        float[] xd = x.data();
        for (int r = 0; r < rows; r++) y[r] = xd[3 * r] - 2f * xd[3 * r + 1] + 0.5f * xd[3 * r + 2] + 0.3f;
        return new Dataset(x, Tensor.of(y, rows, 1));
    }

    /** 3 → 8 → ReLU → 1, PyTorch default init from {@code seed}. */
    static Sequential smallMlp(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new Sequential(new Linear(3, 8, random), Activation.of("relu"), new Linear(8, 1, random));
    }
}
