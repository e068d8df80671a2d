package dev.gradflow.diagnostics;

import dev.gradflow.optim.UpdateObserver;
import dev.gradflow.tensor.Tensor;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Keeps what one optimizer step reports per parameter ({@link UpdateObserver}): Σ W_before² and Σ ΔW², measured by
 * the optimizer as it writes (so ‖W‖ before the step and ‖ΔW‖ cost no copy of the weights and no pass of their own).
 */
final class UpdateMeter implements UpdateObserver {
    private final Map<Tensor, Integer> indexOf = new IdentityHashMap<>();
    private final double[] beforeSquares;
    private final double[] differenceSquares;
    private final boolean[] reported;
    private int reportedCount;

    UpdateMeter(Tensor[] parameters) {
        for (int i = 0; i < parameters.length; i++) indexOf.put(parameters[i], i);
        beforeSquares = new double[parameters.length];
        differenceSquares = new double[parameters.length];
        reported = new boolean[parameters.length];
    }

    /** Forgets the previous step. */
    void reset() {
        Arrays.fill(beforeSquares, 0);
        Arrays.fill(differenceSquares, 0);
        Arrays.fill(reported, false);
        reportedCount = 0;
    }

    /**
     * Keeps the report for {@code parameter}. Should a parameter be reported again in the same step (two optimizers
     * sharing it), its weights before the step are those of the first report and the update norms add up.
     */
    @Override
    public void updated(Tensor parameter, double weightSumOfSquares, double updateSumOfSquares) {
        Integer i = indexOf.get(parameter);
        if (i == null) return; // the optimizer updates a tensor that is not one of the model's parameters
        if (!reported[i]) {
            reported[i] = true;
            reportedCount++;
            beforeSquares[i] = weightSumOfSquares;
        }
        differenceSquares[i] += updateSumOfSquares;
    }

    /** True when the step reported parameter {@code i}. */
    boolean reported(int i) {
        return reported[i];
    }

    /** The number of parameters the step reported. */
    int reportedCount() {
        return reportedCount;
    }

    /** ‖W‖₂ before the step of a reported parameter. */
    double weightNormBefore(int i) {
        return Math.sqrt(beforeSquares[i]);
    }

    /** ‖W_after − W_before‖₂ of a reported parameter. */
    double updateNorm(int i) {
        return Math.sqrt(differenceSquares[i]);
    }
}
