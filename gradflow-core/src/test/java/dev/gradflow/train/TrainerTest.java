package dev.gradflow.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.data.Dataset;
import dev.gradflow.data.LastBatch;
import dev.gradflow.data.Task;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.loss.CrossEntropyLoss;
import dev.gradflow.optim.Adam;
import dev.gradflow.optim.AdamConfig;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Sgd;
import dev.gradflow.optim.SgdConfig;
import dev.gradflow.optim.schedule.StepDecay;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static Trainer trainer(Sequential model, double learningRate, TrainingConfig config) {
        return new Trainer(model, new MseLoss(), new Sgd(model.parameters(), SgdConfig.defaults().withLearningRate(learningRate)), config);
    }

    @Test
    void fullBatchGradientDescentLowersTheLossAndReportsRSquared() {
        Sequential model = TrainingFixtures.smallMlp(1);
        TrainingHistory history = trainer(model, 0.1, TrainingConfig.DEFAULTS.withBudget(Budget.steps(300)))
                .fit(TrainingFixtures.linearRegression(64, 2));

        assertEquals(300, history.steps());
        assertEquals(StopReason.BUDGET_EXHAUSTED, history.stopReason());
        assertTrue(history.lastLoss() < history.firstLoss() / 10, "loss " + history.firstLoss() + " → " + history.lastLoss());
        assertEquals(3, history.evaluations().size(), "every 100 steps");
        Evaluation last = history.lastEvaluation();
        assertEquals(300, last.step());
        assertNull(last.validation());
        assertTrue(last.training().rSquared() > 0.9, "R² " + last.training().rSquared());
        assertTrue(Double.isNaN(last.training().accuracy()));
    }

    @Test
    void classificationReportsAccuracyOnBothSplits() {
        // Two classes split by the sign of x0 − x1 over x ~ U[0, 1)².
        Tensor x = Tensor.rand(new SplittableRandom(9), 200, 2);
        float[] classes = new float[200];
        for (int r = 0; r < 200; r++) classes[r] = x.data()[2 * r] > x.data()[2 * r + 1] ? 1f : 0f;
        SplittableRandom random = new SplittableRandom(10);
        Sequential model = new Sequential(new Linear(2, 16, random), Activation.of("relu"), new Linear(16, 2, random));
        TrainingHistory history = new Trainer(model, new CrossEntropyLoss(),
                new Adam(model.parameters(), AdamConfig.defaults().withLearningRate(0.05)),
                TrainingConfig.DEFAULTS.withTask(Task.CLASSIFICATION).withBatching(Batching.miniBatch(32, 1))
                        .withBudget(Budget.epochs(30)).withValidation(new ValidationSplit(0.25, 2)).withEvaluationInterval(50))
                .fit(new Dataset(x, Tensor.of(classes, 200)));
        Evaluation last = history.lastEvaluation();
        assertTrue(last.training().accuracy() > 0.9, "training accuracy " + last.training().accuracy());
        assertTrue(last.validation().accuracy() > 0.85, "validation accuracy " + last.validation().accuracy());
        assertTrue(Double.isNaN(last.validation().rSquared()));
        assertEquals(30 * 5, history.steps(), "150 training rows in batches of 32: 5 per epoch");
    }

    @Test
    void sameSeedsGiveTheSameNumbersBitForBit() {
        TrainingConfig config = TrainingConfig.DEFAULTS
                .withBatching(Batching.miniBatch(10, 11))
                .withBudget(Budget.epochs(5))
                .withValidation(new ValidationSplit(0.25, 12))
                .withEvaluationInterval(7);
        Dataset data = TrainingFixtures.linearRegression(50, 3);

        Sequential first = TrainingFixtures.smallMlp(4);
        TrainingHistory a = trainer(first, 0.05, config).fit(data);
        Sequential second = TrainingFixtures.smallMlp(4);
        TrainingHistory b = trainer(second, 0.05, config).fit(data);

        assertArrayEquals(a.stepLosses(), b.stepLosses());
        for (int i = 0; i < a.evaluations().size(); i++) {
            assertEquals(a.evaluations().get(i), b.evaluations().get(i));
        }
        List<Tensor> pa = first.parameters();
        List<Tensor> pb = second.parameters();
        for (int i = 0; i < pa.size(); i++) assertArrayEquals(pa.get(i).data(), pb.get(i).data());

        TrainingHistory otherShuffle = trainer(TrainingFixtures.smallMlp(4), 0.05,
                config.withBatching(Batching.miniBatch(10, 99))).fit(data);
        assertFalse(java.util.Arrays.equals(a.stepLosses(), otherShuffle.stepLosses()), "another shuffle seed gives other batches");
    }

    @Test
    void miniBatchEpochBudgetCountsPartialBatches() {
        TrainingConfig config = TrainingConfig.DEFAULTS.withBatching(Batching.miniBatch(16, 0)).withBudget(Budget.epochs(3));
        List<Long> batchRows = new ArrayList<>();
        List<Long> epochs = new ArrayList<>();
        trainer(TrainingFixtures.smallMlp(0), 0.01, config).addListener(new TrainingListener() {
            @Override
            public void beforeStep(StepContext c) {
                batchRows.add((long) c.batch().size());
                epochs.add(c.epoch());
            }
        }).fit(TrainingFixtures.linearRegression(40, 0));
        assertEquals(List.of(16L, 16L, 8L, 16L, 16L, 8L, 16L, 16L, 8L), batchRows);
        assertEquals(List.of(1L, 1L, 1L, 2L, 2L, 2L, 3L, 3L, 3L), epochs);
    }

    @Test
    void nanInTrainingDataIsRejectedNamingRowAndColumn() {
        Dataset data = TrainingFixtures.linearRegression(10, 0);
        data.features().data()[4 * 3 + 2] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(TrainingFixtures.smallMlp(0), 0.1, TrainingConfig.DEFAULTS).fit(data));
        assertTrue(e.getMessage().contains("features row 4, column 2 is NaN"), e.getMessage());

        Dataset targets = TrainingFixtures.linearRegression(10, 0);
        targets.targets().data()[7] = Float.NEGATIVE_INFINITY;
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> trainer(TrainingFixtures.smallMlp(0), 0.1, TrainingConfig.DEFAULTS).fit(targets));
        assertTrue(t.getMessage().contains("targets row 7, column 0 is -Infinity"), t.getMessage());
    }

    @Test
    void emptyTrainingDataIsRejected() {
        Dataset empty = new Dataset(Tensor.zeros(0, 3), Tensor.zeros(0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(TrainingFixtures.smallMlp(0), 0.1, TrainingConfig.DEFAULTS).fit(empty));
        assertEquals("training data: no rows (features [0, 3])", e.getMessage());
    }

    @Test
    void divergingLossStopsWithStepValueAndLearningRate() {
        Sequential model = TrainingFixtures.smallMlp(5);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer(model, 1e6, TrainingConfig.DEFAULTS).fit(TrainingFixtures.linearRegression(32, 6)));
        String m = e.getMessage();
        assertTrue(m.startsWith("training diverged at step " + e.step() + " (epoch " + e.step() + "): the "), m);
        assertTrue(m.contains("learning rate 1000000.0"), m);
        assertTrue(m.contains("learning rate may be too high"), m);
        assertFalse(Double.isFinite(e.value()));
        assertTrue(e.step() > 1, "step 1 starts from a finite loss");
        assertEquals(StopReason.DIVERGED, e.history().stopReason());
        assertEquals(e.step() - 1, e.history().steps());
    }

    @Test
    void listenersSeeEachPhaseWithItsContext() {
        Sequential model = TrainingFixtures.smallMlp(0);
        List<String> events = new ArrayList<>();
        float[] weightBefore = new float[1];
        trainer(model, 0.1, TrainingConfig.DEFAULTS.withBudget(Budget.steps(2)).withEvaluationInterval(2))
                .addListener(new TrainingListener() {
                    @Override
                    public void beforeStep(StepContext c) {
                        assertTrue(Double.isNaN(c.loss()));
                        assertEquals(ClippingResult.PENDING, c.clipping());
                        events.add("before " + c.step());
                    }

                    @Override
                    public void afterBackward(StepContext c) {
                        Tensor w = model.namedParameters().get("0.weight");
                        assertTrue(GradientNorms.of(w) > 0, "gradient present");
                        assertTrue(Double.isFinite(c.loss()));
                        assertEquals(GradientNorms.global(model.parameters()), c.clipping().preClipNorm());
                        assertFalse(c.clipping().fired());
                        assertEquals(0.1, c.learningRate());
                        weightBefore[0] = w.data()[0];
                        events.add("backward " + c.step());
                    }

                    @Override
                    public void afterStep(StepContext c) {
                        assertTrue(model.namedParameters().get("0.weight").data()[0] != weightBefore[0], "updated");
                        events.add("after " + c.step());
                    }

                    @Override
                    public void onEvaluation(Evaluation e) {
                        events.add("evaluation " + e.step());
                    }
                })
                .fit(TrainingFixtures.linearRegression(16, 0));
        assertEquals(List.of("before 1", "backward 1", "after 1", "before 2", "backward 2", "after 2", "evaluation 2"), events);
    }

    @Test
    void clippingScalesTheGlobalNormDownToTheMaximumAfterListenersSawTheRawGradients() {
        Sequential model = TrainingFixtures.smallMlp(0);
        List<double[]> seen = new ArrayList<>();
        trainer(model, 0.01, TrainingConfig.DEFAULTS.withBudget(Budget.steps(3)).withClipping(new GlobalNormClipping(1e-3)))
                .addListener(new TrainingListener() {
                    private double rawNorm;

                    @Override
                    public void afterBackward(StepContext c) {
                        rawNorm = GradientNorms.global(model.parameters());
                    }

                    @Override
                    public void afterStep(StepContext c) {
                        seen.add(new double[] {c.clipping().preClipNorm(), rawNorm, GradientNorms.global(model.parameters()),
                                c.clipping().fired() ? 1 : 0});
                    }
                })
                .fit(TrainingFixtures.linearRegression(16, 0));
        assertEquals(3, seen.size());
        for (double[] s : seen) {
            assertTrue(s[0] > 1e-3);
            assertEquals(s[0], s[1], "listeners see the raw gradients whose norm the result reports");
            assertEquals(1e-3, s[2], 1e-8, "the optimizer applied gradients scaled to the max norm");
            assertEquals(1.0, s[3]);
        }
    }

    @Test
    void stepScheduleSetsTheLearningRateOfEachStepFromTheBaseRate() {
        TrainingHistory history = trainer(TrainingFixtures.smallMlp(0), 0.1, TrainingConfig.DEFAULTS.withBudget(Budget.steps(4)))
                .withStepSchedule((base, t) -> base / (1 + t))
                .fit(TrainingFixtures.linearRegression(16, 0));
        assertArrayEquals(new double[] {0.1, 0.05, 0.1 / 3, 0.025}, history.stepLearningRates());
    }

    @Test
    void epochScheduleKeepsTheRateWithinAnEpoch() {
        TrainingHistory history = trainer(TrainingFixtures.smallMlp(0), 0.1, TrainingConfig.DEFAULTS
                .withBatching(Batching.miniBatch(8, 0)).withBudget(Budget.epochs(3)))
                .withEpochSchedule(new StepDecay(1, 0.5))
                .fit(TrainingFixtures.linearRegression(16, 0));
        assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.025, 0.025}, history.stepLearningRates());
    }

    @Test
    void earlyStoppingFiresWhenTheValidationLossStopsImproving() {
        TrainingConfig config = TrainingConfig.DEFAULTS
                .withBudget(Budget.steps(1000))
                .withValidation(new ValidationSplit(0.2, 1))
                .withEarlyStopping(new EarlyStopping(3, 0.0))
                .withEvaluationInterval(5);
        // A zero learning rate never changes the model: the first evaluation sets the best loss, three more fail to beat it.
        TrainingHistory history = trainer(TrainingFixtures.smallMlp(0), 0.0, config).fit(TrainingFixtures.linearRegression(50, 0));
        assertEquals(StopReason.EARLY_STOPPED, history.stopReason());
        assertEquals(20, history.steps());
        assertEquals(4, history.evaluations().size());
        assertTrue(history.lastEvaluation().hasValidation());
    }

    @Test
    void validationSplitHoldsOutTheFractionRoundedUp() {
        List<Integer> sizes = new ArrayList<>();
        TrainingHistory history = trainer(TrainingFixtures.smallMlp(0), 0.01, TrainingConfig.DEFAULTS.withBudget(Budget.steps(1))
                .withValidation(new ValidationSplit(0.26, 5)))
                .addListener(new TrainingListener() {
                    @Override
                    public void beforeStep(StepContext c) {
                        sizes.add(c.batch().size());
                    }
                })
                .fit(TrainingFixtures.linearRegression(20, 0));
        assertEquals(List.of(14), sizes, "ceil(0.26 * 20) = 6 rows held out");
        assertTrue(history.lastEvaluation().hasValidation());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(TrainingFixtures.smallMlp(0), 0.01, TrainingConfig.DEFAULTS.withValidation(new ValidationSplit(0.9, 5)))
                        .fit(TrainingFixtures.linearRegression(3, 0)));
        assertTrue(e.getMessage().contains("leaves no training rows"), e.getMessage());
    }

    @Test
    void droppingTheLastPartialBatchShortensTheEpoch() {
        List<Integer> sizes = new ArrayList<>();
        trainer(TrainingFixtures.smallMlp(0), 0.01, TrainingConfig.DEFAULTS
                .withBatching(new Batching.MiniBatch(16, 0, LastBatch.DROP)).withBudget(Budget.epochs(2)))
                .addListener(new TrainingListener() {
                    @Override
                    public void beforeStep(StepContext c) {
                        sizes.add(c.batch().size());
                    }
                })
                .fit(TrainingFixtures.linearRegression(40, 0));
        assertEquals(List.of(16, 16, 16, 16), sizes);
    }
}
