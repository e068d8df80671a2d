package dev.gradflow.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.data.Dataset;
import dev.gradflow.data.MiniBatches;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.BatchNorm;
import dev.gradflow.nn.Dropout;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Adam;
import dev.gradflow.optim.AdamConfig;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NonFinitePolicyTest {
    private static final float POISON = 7f;

    /** The identity, except that a batch holding a row whose first feature is {@value #POISON} comes out as NaN. */
    private static final class Poison implements Module {
        @Override
        public Tensor forward(Tensor input) {
            float[] x = input.data();
            int columns = input.dim(1);
            boolean poisoned = false;
            for (int r = 0; r < input.dim(0); r++) poisoned |= x[r * columns] == POISON;
            float factor = poisoned ? Float.NaN : 1f;
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) y[i] = x[i] * factor;
            return Tensor.fromOp(input.shape(), y, "poison", g -> {}, input);
        }

        @Override
        public String kind() {
            return "poison";
        }
    }

    /** y = x + 0·b, whose backward rule puts +∞ into b's gradient: a non-finite parameter gradient and nothing else. */
    private static final class InfiniteBiasGradient implements Module {
        private final Tensor bias = Tensor.zeros(1).requiresGrad(true);

        @Override
        public Tensor forward(Tensor input) {
            return Tensor.fromOp(input.shape(), input.data().clone(), "infinite_bias_gradient", g -> {
                if (input.requiresGrad()) {
                    float[] gx = input.gradBuffer();
                    for (int i = 0; i < g.length; i++) gx[i] += g[i];
                }
                bias.gradBuffer()[0] += Float.POSITIVE_INFINITY;
            }, input, bias);
        }

        @Override
        public Map<String, Tensor> namedParameters() {
            return Map.of("bias", bias);
        }

        @Override
        public String kind() {
            return "infinite_bias_gradient";
        }
    }

    /** 40 rows of y = x·w; row {@code poisonedRow} (or every row, for −1) has first feature {@value #POISON}. */
    private static Dataset data(int poisonedRow) {
        Dataset d = TrainingFixtures.linearRegression(40, 8);
        float[] x = d.features().data();
        for (int r = 0; r < 40; r++) {
            if (poisonedRow < 0 || r == poisonedRow) x[3 * r] = POISON;
        }
        return d;
    }

    private static Sequential poisonedModel() {
        SplittableRandom random = new SplittableRandom(4);
        return new Sequential(new Poison(), new Linear(3, 8, random), BatchNorm.features(8), Activation.of("relu"),
                new Dropout(0.2f, random), new Linear(8, 1, random));
    }

    private static final TrainingConfig MINI_BATCHES = TrainingConfig.DEFAULTS.withBatching(Batching.miniBatch(10, 3));

    private static Trainer trainer(Sequential model, TrainingConfig config) {
        return new Trainer(model, new MseLoss(), new Adam(model.parameters(), AdamConfig.defaults().withLearningRate(0.01)), config);
    }

    /** The 1-based step of epoch 1 whose batch holds row {@code row}. */
    private static int stepHolding(int row) {
        int[] order = new MiniBatches(data(-2), 10, 3).order(0);
        for (int i = 0; i < order.length; i++) {
            if (order[i] == row) return i / 10 + 1;
        }
        throw new AssertionError();
    }

    @Test
    void stopNamesTheFirstLayerWithANonFiniteOutputAndLeavesTheModelAsAfterTheLastGoodStep() {
        int failing = stepHolding(17);
        assertTrue(failing > 1, "the poisoned batch is not the first: " + failing);
        Sequential model = poisonedModel();
        List<TrainingState> checkpoints = new ArrayList<>();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer(model, MINI_BATCHES.withBudget(Budget.steps(8))).withCheckpoints(CheckpointSchedule.everySteps(1), checkpoints::add)
                        .fit(data(17)));
        assertEquals(failing, e.step());
        assertEquals(new NonFiniteOrigin(NonFiniteOrigin.Stage.ACTIVATION, "0", "poison", null), e.origin());
        // ReLU maps NaN to 0, so the loss stays finite and only the gradient norm shows it; the replay finds the layer.
        assertTrue(e.getMessage().contains("the global gradient norm is NaN at learning rate 0.01; the first non-finite value: the output of layer 0 (poison)."),
                e.getMessage());
        assertEquals(failing - 1, checkpoints.size(), "no checkpoint of the failed step");

        // Parameters, BatchNorm statistics and the dropout stream are those after the last good step.
        Sequential good = poisonedModel();
        trainer(good, MINI_BATCHES.withBudget(Budget.steps(failing - 1))).fit(data(17));
        good.stateDict().forEach((name, t) -> assertArrayEquals(t.data(), model.stateDict().get(name).data(), name));
        assertEquals(((Dropout) good.get(4)).randomState(), ((Dropout) model.get(4)).randomState());
    }

    @Test
    void skipStepSkipsEachPoisonedBatchAndUndoesItsSideEffects() {
        Sequential model = poisonedModel();
        TrainingHistory history = trainer(model, MINI_BATCHES.withBudget(Budget.epochs(3)).withNonFinite(NonFinitePolicy.skipStep()))
                .fit(data(17));
        assertEquals(12, history.steps());
        assertEquals(StopReason.BUDGET_EXHAUSTED, history.stopReason());
        List<SkippedStep> skipped = history.skippedSteps();
        assertEquals(3, skipped.size(), "one poisoned batch per epoch");
        assertEquals(stepHolding(17), skipped.getFirst().step());
        for (SkippedStep s : skipped) {
            assertEquals("global gradient norm", s.quantity());
            assertEquals("0", s.origin().layer());
            assertTrue(Double.isFinite(history.stepLosses()[(int) s.step() - 1]), "a skipped step's (finite) loss is recorded");
        }
        assertEquals(9f, ((BatchNorm) model.get(2)).numBatchesTracked().data()[0], "skipped steps leave the statistics alone");
        assertEquals(9, ((Dropout) model.get(4)).randomState().masksDrawn(), "and the dropout stream");
        for (Tensor p : model.parameters()) {
            for (float v : p.data()) assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void tooManySkippedStepsInARowStop() {
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer(poisonedModel(), MINI_BATCHES.withNonFinite(new NonFinitePolicy.SkipStep(3))).fit(data(-1)));
        assertEquals(3, e.step());
        assertTrue(e.getMessage().contains("; 3 steps in a row were skipped; the first non-finite value: the output of layer 0 (poison)"), e.getMessage());
        assertEquals(3, e.history().skippedSteps().size());
        assertEquals(StopReason.DIVERGED, e.history().stopReason());
    }

    @Test
    void theCountOfSkippedStepsInARowCarriesAcrossAResume() {
        TrainingConfig config = MINI_BATCHES.withNonFinite(new NonFinitePolicy.SkipStep(3));
        List<TrainingState> checkpoints = new ArrayList<>();
        assertThrows(TrainingDivergedException.class, () -> trainer(poisonedModel(), config)
                .withCheckpoints(CheckpointSchedule.everySteps(1), checkpoints::add).fit(data(-1)));
        assertEquals(2, checkpoints.size(), "skipped steps are checkpointed like any other");
        assertEquals(2, checkpoints.getLast().skippedInARow());
        TrainingDivergedException resumed = assertThrows(TrainingDivergedException.class,
                () -> trainer(poisonedModel(), config).resume(data(-1), checkpoints.getLast()));
        assertEquals(3, resumed.step(), "the third skip in a row, as without the interruption");
    }

    @Test
    void aGradientBornInTheBackwardPassNamesTheLayerWhoseRuleProducedIt() {
        // relu zeroes some units; sqrt(0) = 0 is finite, but its derivative 0.5/√0 is infinite.
        SplittableRandom random = new SplittableRandom(2);
        Sequential model = new Sequential(new Linear(3, 8, random), Activation.of("relu"),
                new Activation(PointwiseFunction.Sqrt.INSTANCE), new Linear(8, 1, random));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer(model, TrainingConfig.DEFAULTS).fit(TrainingFixtures.linearRegression(16, 1)));
        assertEquals(1, e.step());
        assertEquals(new NonFiniteOrigin(NonFiniteOrigin.Stage.ACTIVATION_GRADIENT, "2", "sqrt", "1"), e.origin());
        assertTrue(e.getMessage().contains("the global gradient norm is NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("the backward pass of layer 2 (sqrt), in the gradient it passes back to the output of layer 1"),
                e.getMessage());
    }

    @Test
    void aParameterGradientIsNamedWhenEveryActivationGradientIsFinite() {
        SplittableRandom random = new SplittableRandom(2);
        Sequential model = new Sequential(new Linear(3, 4, random), new InfiniteBiasGradient(), new Linear(4, 1, random));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer(model, TrainingConfig.DEFAULTS).fit(TrainingFixtures.linearRegression(16, 1)));
        assertEquals(new NonFiniteOrigin(NonFiniteOrigin.Stage.PARAMETER_GRADIENT, "1", "infinite_bias_gradient", "1.bias"), e.origin());
        assertTrue(e.getMessage().contains("the gradient of parameter 1.bias of layer 1 (infinite_bias_gradient)"), e.getMessage());
    }

    private record CustomLoss(String name, java.util.function.UnaryOperator<Tensor> of) implements Loss {
        @Override
        public Tensor compute(Tensor prediction, Tensor target) {
            return of.apply(prediction);
        }
    }

    @Test
    void theLossAndItsGradientAreNamedWhenTheModelIsFinite() {
        Sequential model = TrainingFixtures.smallMlp(3);
        Dataset data = TrainingFixtures.linearRegression(16, 1);
        Loss logOfZero = new CustomLoss("log_of_zero", p -> p.mul(0f).mean().log().neg());
        TrainingDivergedException loss = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(model, logOfZero, new Adam(model.parameters(), AdamConfig.defaults()), TrainingConfig.DEFAULTS).fit(data));
        assertEquals(NonFiniteOrigin.Stage.LOSS, loss.origin().stage());
        assertTrue(loss.getMessage().contains("the loss is Infinity") && loss.getMessage().contains("the loss, computed from finite model outputs"),
                loss.getMessage());

        Loss sqrtOfZero = new CustomLoss("sqrt_of_zero", p -> p.mul(0f).mean().sqrt());
        TrainingDivergedException gradient = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(model, sqrtOfZero, new Adam(model.parameters(), AdamConfig.defaults()), TrainingConfig.DEFAULTS).fit(data));
        assertEquals(NonFiniteOrigin.Stage.LOSS_GRADIENT, gradient.origin().stage());
        assertNull(gradient.origin().layer());
    }
}
