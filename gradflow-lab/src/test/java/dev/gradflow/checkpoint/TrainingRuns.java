package dev.gradflow.checkpoint;

import dev.gradflow.data.Dataset;
import dev.gradflow.data.LinearData;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.BatchNorm;
import dev.gradflow.nn.Dropout;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.optim.Optimizers;
import dev.gradflow.optim.schedule.StepDecay;
import dev.gradflow.train.Batching;
import dev.gradflow.train.Budget;
import dev.gradflow.train.CheckpointSchedule;
import dev.gradflow.train.CheckpointSink;
import dev.gradflow.train.EarlyStopping;
import dev.gradflow.train.Trainer;
import dev.gradflow.train.TrainingConfig;
import dev.gradflow.train.TrainingState;
import dev.gradflow.train.ValidationSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small seeded training runs whose states exercise every part of a checkpoint. */
final class TrainingRuns {
    static final Dataset DATA = LinearData.of(60, 3).withNoise(0.1f).generate(4);
    static final TrainingConfig CONFIG = TrainingConfig.DEFAULTS
            .withBatching(Batching.miniBatch(8, 2))
            .withValidation(new ValidationSplit(0.2, 3))
            .withEarlyStopping(new EarlyStopping(100, 0.0))
            .withEvaluationInterval(4)
            .withBudget(Budget.steps(24));

    private TrainingRuns() {}

    record Run(Sequential model, Optimizer optimizer, Trainer trainer) {}

    static Sequential model() {
        SplittableRandom random = new SplittableRandom(9);
        return new Sequential(new Linear(3, 8, random), BatchNorm.features(8), Activation.of("relu"), new Dropout(0.3f, random),
                new Linear(8, 1, random));
    }

    /** A run of {@code optimizer} with a step-decay schedule, handing checkpoints to {@code sink} every 5 steps. */
    static Run run(String optimizer, CheckpointSink sink) {
        Sequential model = model();
        Optimizer o = Optimizers.create(optimizer, model.parameters(), 0.01);
        Trainer trainer = new Trainer(model, new MseLoss(), o, CONFIG).withStepSchedule(new StepDecay(6, 0.5));
        if (sink != null) trainer.withCheckpoints(CheckpointSchedule.everySteps(5), sink);
        return new Run(model, o, trainer);
    }

    /** The states a run of {@code optimizer} hands out (steps 5, 10, 15, 20 and 24). */
    static List<TrainingState> states(String optimizer) {
        List<TrainingState> states = new ArrayList<>();
        run(optimizer, states::add).trainer().fit(DATA);
        return states;
    }
}
