package dev.gradflow.checkpoint;

import dev.gradflow.data.Dataset;
import dev.gradflow.data.LinearData;
import dev.gradflow.modelio.SafetensorsWriter;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.BatchNorm;
import dev.gradflow.nn.Dropout;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Adam;
import dev.gradflow.optim.AdamConfig;
import dev.gradflow.optim.schedule.CosineAnnealing;
import dev.gradflow.optim.schedule.LinearWarmup;
import dev.gradflow.optim.schedule.WarmupThen;
import dev.gradflow.train.Batching;
import dev.gradflow.train.Budget;
import dev.gradflow.train.CheckpointSchedule;
import dev.gradflow.train.EarlyStopping;
import dev.gradflow.train.StepContext;
import dev.gradflow.train.Trainer;
import dev.gradflow.train.TrainingConfig;
import dev.gradflow.train.TrainingListener;
import dev.gradflow.train.ValidationSplit;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training run of {@link CrashResumeTest}, started in a child JVM: mini-batches with a smaller last batch,
 * Adam, a warm-up-then-cosine schedule, two dropout layers, BatchNorm and early stopping on a validation split,
 * checkpointed every {@value #CHECKPOINT_EVERY} steps. It prints one line per event on stdout ({@code checkpoint
 * N}, {@code resumed N}, {@code blocked N}, {@code done}) and writes the final weights as safetensors.
 *
 * <p>Arguments: {@code fresh|resume CHECKPOINT_DIR WEIGHTS_FILE PAUSE_MILLIS BLOCK_AT_STEP}: after each step sleep
 * PAUSE_MILLIS (so the parent can kill the run part-way), and at step BLOCK_AT_STEP (0 for never) wait for stdin
 * to close, so a run meant to be killed cannot finish first however slowly the parent reacts.
 */
public final class CrashResumeHarness {
    static final int STEPS = 240;
    static final int CHECKPOINT_EVERY = 25;

    private CrashResumeHarness() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        boolean resume = args[0].equals("resume");
        Path checkpoints = Path.of(args[1]);
        Path weights = Path.of(args[2]);
        long pauseMillis = Long.parseLong(args[3]);
        long blockAtStep = Long.parseLong(args[4]);
        PrintStream out = System.out;

        Dataset data = LinearData.of(300, 4).withNoise(0.05f).generate(7);
        SplittableRandom random = new SplittableRandom(3);
        Sequential model = new Sequential(new Linear(4, 32, random), BatchNorm.features(32), Activation.of("relu"),
                new Dropout(0.2f, random), new Linear(32, 16, random), Activation.of("tanh"), new Dropout(0.1f, random),
                new Linear(16, 1, random));
        Adam adam = new Adam(model.parameters(), AdamConfig.defaults().withLearningRate(3e-3));
        TrainingConfig config = TrainingConfig.DEFAULTS
                .withBatching(Batching.miniBatch(16, 11))          // 270 training rows: 16 batches of 16 and one of 14
                .withValidation(new ValidationSplit(0.1, 12))
                .withEarlyStopping(new EarlyStopping(1000, 0.0))
                .withEvaluationInterval(20)
                .withBudget(Budget.steps(STEPS));
        CheckpointStore store = new CheckpointStore(checkpoints, 2, Map.of("harness", "crash-resume"));
        Trainer trainer = new Trainer(model, new MseLoss(), adam, config)
                .withStepSchedule(new WarmupThen(new LinearWarmup(0.1, 1.0, 20), new CosineAnnealing(STEPS - 20, 1e-4), 20))
                .withCheckpoints(CheckpointSchedule.everySteps(CHECKPOINT_EVERY), state -> {
                    store.write(state);
                    out.println("checkpoint " + state.position().step());
                    out.flush();
                })
                .addListener(new TrainingListener() {
                    @Override
                    public void afterStep(StepContext context) {
                        if (context.step() == blockAtStep) {
                            out.println("blocked " + context.step());
                            out.flush();
                            try {
                                while (System.in.read() >= 0) {
                                    // wait to be killed
                                }
                            } catch (IOException e) {
                                // stdin closed: fall through and carry on
                            }
                        }
                        if (pauseMillis > 0) {
                            try {
                                Thread.sleep(pauseMillis);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                });
        if (resume) {
            Checkpoint checkpoint = CheckpointReader.read(CheckpointStore.latest(checkpoints).orElseThrow());
            out.println("resumed " + checkpoint.step());
            out.flush();
            trainer.resume(data, checkpoint.state());
        } else {
            trainer.fit(data);
        }
        SafetensorsWriter.writeFloat32(weights, model.stateDict(), Map.of());
        out.println("done");
        out.flush();
    }
}
