package dev.gradflow.train;

/**
 * Where early stopping stands: the best validation loss seen (+∞ before the first evaluation with validation) and
 * the evaluations since it last improved.
 */
public record EarlyStoppingState(double bestValidationLoss, int evaluationsWithoutImprovement) {
    /** Before any evaluation. */
    public static final EarlyStoppingState INITIAL = new EarlyStoppingState(Double.POSITIVE_INFINITY, 0);

    public EarlyStoppingState {
        if (Double.isNaN(bestValidationLoss) || bestValidationLoss == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("early stopping state: best validation loss must be a number or +infinity, got " + bestValidationLoss);
        }
        if (evaluationsWithoutImprovement < 0) {
            throw new IllegalArgumentException("early stopping state: evaluations without improvement must be >= 0, got " + evaluationsWithoutImprovement);
        }
    }
}
