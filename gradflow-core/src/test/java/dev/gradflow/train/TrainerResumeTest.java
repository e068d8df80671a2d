package dev.gradflow.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.data.Dataset;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.BatchNorm;
import dev.gradflow.nn.Dropout;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Adam;
import dev.gradflow.optim.AdamConfig;
import dev.gradflow.optim.schedule.CosineAnnealing;
import dev.gradflow.optim.schedule.StepDecay;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints and resume in memory: a run resumed from any of its checkpoints ends bit for bit where the
 * uninterrupted run ends. The setup makes every piece of state matter: mini-batches with a smaller last batch
 * (position in the data), Adam (moments and step counts), a decaying schedule (base rate and position), dropout
 * (mask stream), BatchNorm (running statistics) and early stopping on a validation split (its record).
 */
class TrainerResumeTest {
    private static final Dataset DATA = TrainingFixtures.linearRegression(100, 21);
    private static final TrainingConfig CONFIG = TrainingConfig.DEFAULTS
            .withBatching(Batching.miniBatch(12, 5))            // 80 training rows: 6 batches of 12 and one of 8
            .withValidation(new ValidationSplit(0.2, 6))
            .withEarlyStopping(new EarlyStopping(1000, 0.0))
            .withEvaluationInterval(5)
            .withBudget(Budget.steps(40));

    static Sequential model(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new Sequential(new Linear(3, 16, random), BatchNorm.features(16), Activation.of("relu"),
                new Dropout(0.25f, random), new Linear(16, 1, random));
    }

    private record Run(Sequential model, Adam optimizer, Trainer trainer) {}

    private static Run run(TrainingConfig config, List<TrainingState> checkpoints, CheckpointSchedule every) {
        Sequential model = model(3);
        Adam adam = new Adam(model.parameters(), AdamConfig.defaults().withLearningRate(0.02));
        Trainer trainer = new Trainer(model, new MseLoss(), adam, config).withStepSchedule(new StepDecay(7, 0.5));
        if (checkpoints != null) trainer.withCheckpoints(every, checkpoints::add);
        return new Run(model, adam, trainer);
    }

    private static void assertSameState(Run expected, Run actual, String what) {
        Map<String, Tensor> want = expected.model().stateDict();
        Map<String, Tensor> got = actual.model().stateDict();
        assertEquals(want.keySet(), got.keySet());
        want.forEach((name, t) -> assertArrayEquals(t.data(), got.get(name).data(), what + ": " + name));
        assertEquals(expected.optimizer().state(), actual.optimizer().state(), what + ": optimizer state");
        assertEquals(expected.optimizer().learningRate(), actual.optimizer().learningRate(), what + ": learning rate");
    }

    @Test
    void resumingFromAnyCheckpointEndsBitForBitWhereTheUninterruptedRunEnds() {
        List<TrainingState> checkpoints = new ArrayList<>();
        Run whole = run(CONFIG, checkpoints, CheckpointSchedule.everySteps(6));
        TrainingHistory full = whole.trainer().fit(DATA);

        List<Long> steps = checkpoints.stream().map(s -> s.position().step()).toList();
        assertEquals(List.of(6L, 12L, 18L, 24L, 30L, 36L, 40L), steps, "every 6 steps and at the end");
        TrainingPosition atTwelve = checkpoints.get(1).position();
        assertEquals(new TrainingPosition(12, 2, 5, 7, 80), atTwelve, "step 12 is the 5th batch of epoch 2");
        assertEquals(List.of("3"), List.copyOf(checkpoints.get(0).dropout().keySet()));
        assertEquals(new Dropout.RandomState(checkpoints.get(0).dropout().get("3").seed(), 6), checkpoints.get(0).dropout().get("3"),
                "one mask per step, plus none for evaluations");

        for (TrainingState checkpoint : checkpoints.subList(0, checkpoints.size() - 1)) {
            long from = checkpoint.position().step();
            Run resumed = run(CONFIG, new ArrayList<>(), CheckpointSchedule.everySteps(6));
            TrainingHistory rest = resumed.trainer().resume(DATA, checkpoint);
            assertSameState(whole, resumed, "resumed from step " + from);
            double[] fullLosses = full.stepLosses();
            double[] tail = java.util.Arrays.copyOfRange(fullLosses, (int) from, fullLosses.length);
            assertArrayEquals(tail, rest.stepLosses(), "the same batches, masks and learning rates after step " + from);
            assertArrayEquals(java.util.Arrays.copyOfRange(full.stepLearningRates(), (int) from, 40), rest.stepLearningRates());
            assertEquals(full.lastEvaluation(), rest.lastEvaluation());
        }
    }

    @Test
    void aCheckpointIsADeepCopy() {
        List<TrainingState> checkpoints = new ArrayList<>();
        run(CONFIG, checkpoints, CheckpointSchedule.everySteps(6)).trainer().fit(DATA);
        TrainingState first = checkpoints.getFirst();
        TrainingState last = checkpoints.getLast();
        assertTrue(first.model().get("0.weight").data()[0] != last.model().get("0.weight").data()[0]);
        assertEquals(6, first.model().get("1.num_batches_tracked").data()[0], "BatchNorm counted 6 training batches");
        assertEquals(6, first.optimizer().parameter(0).step());
        assertEquals(new ScheduleState(0.02, Budget.Unit.STEPS, 5), first.schedule());
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias"), first.parameterNames());
    }

    @Test
    void epochCheckpointsFallAtTheEndOfEveryNthEpochAndEpochSchedulesResume() {
        TrainingConfig config = CONFIG.withBudget(Budget.epochs(5));
        List<TrainingState> checkpoints = new ArrayList<>();
        Run whole = run(config, checkpoints, CheckpointSchedule.everyEpochs(2));
        whole.trainer().withEpochSchedule(new CosineAnnealing(5, 0.001));
        whole.trainer().fit(DATA);
        assertEquals(List.of(14L, 28L, 35L), checkpoints.stream().map(s -> s.position().step()).toList());
        assertEquals(new TrainingPosition(14, 2, 7, 7, 80), checkpoints.getFirst().position());
        assertEquals(new ScheduleState(0.02, Budget.Unit.EPOCHS, 1), checkpoints.getFirst().schedule());

        Run resumed = run(config, null, null);
        resumed.trainer().withEpochSchedule(new CosineAnnealing(5, 0.001));
        resumed.trainer().resume(DATA, checkpoints.getFirst());
        assertSameState(whole, resumed, "resumed at the end of epoch 2");
    }

    @Test
    void aLongerBudgetContinuesAFinishedRunAndAStateAtTheBudgetOnlyEvaluates() {
        List<TrainingState> checkpoints = new ArrayList<>();
        run(CONFIG.withBudget(Budget.steps(20)), checkpoints, CheckpointSchedule.everySteps(100)).trainer().fit(DATA);
        TrainingState end = checkpoints.getLast();
        assertEquals(20, end.position().step(), "the final checkpoint");

        Run whole = run(CONFIG, null, null);
        whole.trainer().fit(DATA);
        Run extended = run(CONFIG, null, null);
        TrainingHistory rest = extended.trainer().resume(DATA, end);
        assertEquals(20, rest.steps());
        assertSameState(whole, extended, "20 steps, then 20 more");

        Run done = run(CONFIG.withBudget(Budget.steps(20)), null, null);
        TrainingHistory none = done.trainer().resume(DATA, end);
        assertEquals(0, none.steps());
        assertEquals(20, none.lastEvaluation().step());
        assertArrayEquals(end.model().get("0.weight").data(), done.model().stateDict().get("0.weight").data());
    }

    @Test
    void earlyStoppingWritesAFinalCheckpointAndItsRecordResumes() {
        TrainingConfig config = CONFIG.withEarlyStopping(new EarlyStopping(2, 10.0)).withBudget(Budget.steps(200));
        List<TrainingState> checkpoints = new ArrayList<>();
        TrainingHistory history = run(config, checkpoints, CheckpointSchedule.everySteps(100)).trainer().fit(DATA);
        assertEquals(StopReason.EARLY_STOPPED, history.stopReason());
        TrainingState last = checkpoints.getLast();
        assertEquals(history.steps(), last.position().step());
        assertEquals(2, last.earlyStopping().evaluationsWithoutImprovement());

        TrainingHistory resumed = run(config, null, null).trainer().resume(DATA, last);
        assertEquals(StopReason.EARLY_STOPPED, resumed.stopReason(), "still out of patience at the next evaluation");
        assertEquals(5, resumed.steps());
    }

    @Test
    void aPositionMustBeReachableInItsSteps() {
        assertEquals(1, new TrainingPosition(7, 1, 7, 7, 80).nextEpochIndex());
        assertEquals(0, new TrainingPosition(7, 1, 7, 7, 80).nextBatchIndex());
        assertEquals(2, new TrainingPosition(12, 2, 2, 7, 80).nextBatchIndex());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingPosition(8, 2, 2, 7, 80));
        assertEquals("training position: 8 steps cannot reach batch 2 of epoch 2 at 7 batches per epoch", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingPosition(Long.MAX_VALUE, Long.MAX_VALUE / 2, 3, 7, 80),
                "no overflow lets a far epoch through");
        assertThrows(IllegalArgumentException.class, () -> new TrainingPosition(Long.MAX_VALUE, Integer.MAX_VALUE, 1, 1, 80));
    }

    @Test
    void aStateThatDoesNotFitTheRunIsRejectedNamingTheDifference() {
        List<TrainingState> checkpoints = new ArrayList<>();
        run(CONFIG, checkpoints, CheckpointSchedule.everySteps(6)).trainer().fit(DATA);
        TrainingState state = checkpoints.getFirst();

        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> run(CONFIG, null, null).trainer().resume(TrainingFixtures.linearRegression(90, 21), state));
        assertTrue(rows.getMessage().contains("80 training rows in 7 batches per epoch, but this run has 72 rows in 6 batches"), rows.getMessage());

        Sequential noDropout = new Sequential(new Linear(3, 16, new SplittableRandom(3)), BatchNorm.features(16),
                Activation.of("relu"), Activation.of("identity"), new Linear(16, 1, new SplittableRandom(4)));
        IllegalArgumentException layers = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(noDropout, new MseLoss(), new Adam(noDropout.parameters(), AdamConfig.defaults()), CONFIG).resume(DATA, state));
        assertTrue(layers.getMessage().contains("dropout streams for layers [3] but the model's dropout layers are []"), layers.getMessage());

        Run epochs = run(CONFIG, null, null);
        epochs.trainer().withEpochSchedule(new StepDecay(1, 0.5));
        IllegalArgumentException schedule = assertThrows(IllegalArgumentException.class, () -> epochs.trainer().resume(DATA, state));
        assertTrue(schedule.getMessage().contains("schedule counts STEPS but this trainer's schedule counts EPOCHS"), schedule.getMessage());
    }
}
