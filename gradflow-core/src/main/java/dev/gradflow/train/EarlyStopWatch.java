package dev.gradflow.train;

/** Early stopping on the validation loss: counts evaluations without an improvement of more than min delta. */
final class EarlyStopWatch {
    private final EarlyStopping rule;
    private double best = Double.POSITIVE_INFINITY;
    private int evaluationsWithoutImprovement;

    EarlyStopWatch(EarlyStopping rule) {
        this.rule = rule;
    }

    boolean shouldStop(double validationLoss) {
        if (!rule.enabled()) return false;
        if (validationLoss < best - rule.minDelta()) {
            best = validationLoss;
            evaluationsWithoutImprovement = 0;
            return false;
        }
        evaluationsWithoutImprovement++;
        return evaluationsWithoutImprovement >= rule.patience();
    }

    EarlyStoppingState state() {
        return new EarlyStoppingState(best, evaluationsWithoutImprovement);
    }

    void restore(EarlyStoppingState state) {
        best = state.bestValidationLoss();
        evaluationsWithoutImprovement = state.evaluationsWithoutImprovement();
    }
}
