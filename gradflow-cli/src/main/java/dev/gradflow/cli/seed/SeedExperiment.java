package dev.gradflow.cli.seed;

import dev.gradflow.data.Dataset;
import dev.gradflow.diagnostics.GradientFlowProbe;
import dev.gradflow.diagnostics.ProbeConfig;
import dev.gradflow.diagnostics.ProbeListener;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.train.Budget;
import dev.gradflow.train.GradientNormRecorder;
import dev.gradflow.train.Trainer;
import dev.gradflow.train.TrainingConfig;
import dev.gradflow.train.TrainingHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The article's experiment: learn y = x·w, w = [1, −1, 1, −1, …] over 10 features, from 1000 inputs
 * x ~ U[0, 1)^10, with the MLP 10 → Linear 128 → ReLU → Linear 64 → ReLU → Linear 1 and the MSE loss, trained
 * full-batch by several optimizers, every run from the same initial weights.
 *
 * <p>Seeding: a {@link SplittableRandom} seeded with the experiment seed draws two seeds, the first for the data
 * and the second for the initial weights (PyTorch's default Linear init); each run rebuilds the model from the
 * second, so all runs start from identical weights.
 */
public final class SeedExperiment {
    public static final int ROWS = 1000;
    public static final int FEATURES = 10;

    /** One run: an optimizer at a learning rate, built over the model's parameters. */
    public record RunSpec(String optimizer, double learningRate, Function<List<Tensor>, Optimizer> factory) {}

    private final long seed;
    private final int steps;
    private final Loss loss;

    /** An experiment of {@code steps} full-batch steps per run, seeded by {@code seed}, with the loss {@code loss}. */
    public SeedExperiment(long seed, int steps, Loss loss) {
        if (steps < 1) throw new IllegalArgumentException("seed experiment: steps must be at least 1, got " + steps);
        this.seed = seed;
        this.steps = steps;
        this.loss = loss;
    }

    /** w = [1, −1, 1, −1, …] with {@link #FEATURES} entries. */
    public static float[] trueWeights() {
        float[] w = new float[FEATURES];
        for (int i = 0; i < FEATURES; i++) w[i] = i % 2 == 0 ? 1f : -1f;
        return w;
    }

    /** x ~ U[0, 1)^(1000×10) drawn row by row from {@code random}, y = x·w as [1000, 1] (summed in double). */
    public static Dataset data(RandomGenerator random) {
        Tensor x = Tensor.rand(random, ROWS, FEATURES);
        float[] w = trueWeights();
        float[] xs = x.data();
        float[] y = new float[ROWS];
        for (int r = 0; r < ROWS; r++) {
            double s = 0.0;
            for (int f = 0; f < FEATURES; f++) s += (double) xs[r * FEATURES + f] * w[f];
            y[r] = (float) s;
        }
        return new Dataset(x, Tensor.of(y, ROWS, 1));
    }

    /** 10 → Linear 128 → ReLU → Linear 64 → ReLU → Linear 1, initialized from {@code random} layer by layer. */
    public static Sequential model(RandomGenerator random) {
        return new Sequential(
                new Linear(FEATURES, 128, random), Activation.of("relu"),
                new Linear(128, 64, random), Activation.of("relu"),
                new Linear(64, 1, random));
    }

    public long seed() {
        return seed;
    }

    public int steps() {
        return steps;
    }

    /** Runs each spec in order from the same data and initial weights; {@code progress} sees each result as it lands. */
    public List<SeedRun> run(List<RunSpec> runs, Consumer<SeedRun> progress) {
        SplittableRandom root = new SplittableRandom(seed);
        long dataSeed = root.nextLong();
        long modelSeed = root.nextLong();
        Dataset data = data(new SplittableRandom(dataSeed));
        TrainingConfig config = TrainingConfig.DEFAULTS.withBudget(Budget.steps(steps)).withEvaluationInterval(steps);
        List<SeedRun> results = new ArrayList<>();
        for (RunSpec spec : runs) {
            Sequential model = model(new SplittableRandom(modelSeed));
            Optimizer optimizer = spec.factory().apply(model.parameters());
            GradientNormRecorder norms = GradientNormRecorder.weights();
            // Keep every step's record: SeedDiagnostics averages the update ratios over all of them.
            ProbeConfig probeConfig = ProbeConfig.defaults();
            probeConfig = probeConfig.withHistoryCapacity(Math.max(probeConfig.historyCapacity(), steps));
            GradientFlowProbe probe = new GradientFlowProbe(model, probeConfig);
            TrainingHistory history = new Trainer(model, loss, optimizer, config).addListener(norms)
                    .addListener(new ProbeListener(probe)).fit(data);
            SeedDiagnostics d = SeedDiagnostics.of(model, probe.history());
            SeedRun result = new SeedRun(spec.optimizer(), spec.learningRate(), history.steps(), history.firstLoss(),
                    history.lastEvaluation().training().loss(), norms.firstStep(), norms.lastStep(),
                    d.gradRatioFirstStep(), d.gradRatioLastStep(), d.updateRatioFirstStep(), d.updateRatioLastStep(),
                    d.updateRatioMean(), d.findings(), history.wallTime());
            results.add(result);
            progress.accept(result);
        }
        return results;
    }
}
