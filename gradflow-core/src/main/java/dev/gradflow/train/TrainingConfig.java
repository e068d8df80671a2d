package dev.gradflow.train;

import dev.gradflow.data.Task;

/**
 * How {@link Trainer} runs: batching, budget, validation split, early stopping, task (which metric), gradient
 * clipping and how often to evaluate. Start from {@link #DEFAULTS} and change what differs:
 *
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.DEFAULTS
 *         .withBatching(Batching.miniBatch(32, 7))
 *         .withBudget(Budget.epochs(20))
 *         .withValidation(new ValidationSplit(0.2, 7))
 *         .withEarlyStopping(new EarlyStopping(5, 1e-4));
 * }</pre>
 *
 * @param batching           full batch or seeded mini-batches
 * @param budget             steps or epochs to run
 * @param validation         held-out fraction and its seed ({@link ValidationSplit#NONE} for none)
 * @param earlyStopping      patience and min delta on the validation loss ({@link EarlyStopping#OFF} for none)
 * @param task               regression (R²) or classification (accuracy)
 * @param clipping           global-norm gradient clipping ({@link GlobalNormClipping#OFF} measures only)
 * @param evaluationInterval evaluate every this many steps (and always after the last step)
 * @param nonFinite          what a NaN or infinite loss or gradient norm does: stop (default) or skip the step
 */
public record TrainingConfig(
        Batching batching,
        Budget budget,
        ValidationSplit validation,
        EarlyStopping earlyStopping,
        Task task,
        GlobalNormClipping clipping,
        int evaluationInterval,
        NonFinitePolicy nonFinite) {

    /**
     * Full batch, 1000 steps, no validation, no early stopping, regression, no clipping, evaluate every 100 steps,
     * stop on a non-finite loss or gradient.
     */
    public static final TrainingConfig DEFAULTS = new TrainingConfig(
            Batching.fullBatch(), Budget.steps(1000), ValidationSplit.NONE, EarlyStopping.OFF, Task.REGRESSION,
            GlobalNormClipping.OFF, 100, NonFinitePolicy.STOP);

    public TrainingConfig {
        if (batching == null || budget == null || validation == null || earlyStopping == null || task == null || clipping == null
                || nonFinite == null) {
            throw new IllegalArgumentException("training config: every setting is required (use the OFF/NONE constants to disable one)");
        }
        if (evaluationInterval < 1) {
            throw new IllegalArgumentException("training config: evaluation interval must be at least 1 step, got " + evaluationInterval);
        }
        if (earlyStopping.enabled() && !validation.enabled()) {
            throw new IllegalArgumentException("training config: early stopping watches the validation loss, so it needs a validation split (fraction > 0)");
        }
    }

    /** The settings before the non-finite policy existed; that policy is the default's ({@link #DEFAULTS}). */
    public TrainingConfig(Batching batching, Budget budget, ValidationSplit validation, EarlyStopping earlyStopping, Task task,
                          GlobalNormClipping clipping, int evaluationInterval) {
        this(batching, budget, validation, earlyStopping, task, clipping, evaluationInterval, DEFAULTS.nonFinite());
    }

    public TrainingConfig withBatching(Batching value) {
        return new TrainingConfig(value, budget, validation, earlyStopping, task, clipping, evaluationInterval, nonFinite);
    }

    public TrainingConfig withBudget(Budget value) {
        return new TrainingConfig(batching, value, validation, earlyStopping, task, clipping, evaluationInterval, nonFinite);
    }

    public TrainingConfig withValidation(ValidationSplit value) {
        return new TrainingConfig(batching, budget, value, earlyStopping, task, clipping, evaluationInterval, nonFinite);
    }

    public TrainingConfig withEarlyStopping(EarlyStopping value) {
        return new TrainingConfig(batching, budget, validation, value, task, clipping, evaluationInterval, nonFinite);
    }

    public TrainingConfig withTask(Task value) {
        return new TrainingConfig(batching, budget, validation, earlyStopping, value, clipping, evaluationInterval, nonFinite);
    }

    public TrainingConfig withClipping(GlobalNormClipping value) {
        return new TrainingConfig(batching, budget, validation, earlyStopping, task, value, evaluationInterval, nonFinite);
    }

    public TrainingConfig withEvaluationInterval(int value) {
        return new TrainingConfig(batching, budget, validation, earlyStopping, task, clipping, value, nonFinite);
    }

    public TrainingConfig withNonFinite(NonFinitePolicy value) {
        return new TrainingConfig(batching, budget, validation, earlyStopping, task, clipping, evaluationInterval, value);
    }
}
