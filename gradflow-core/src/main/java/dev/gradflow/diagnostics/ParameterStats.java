package dev.gradflow.diagnostics;

/**
 * Statistics of one parameter tensor at one step.
 *
 * @param name             state_dict name ("0.weight")
 * @param gradL2           ‖g‖₂ of the data-loss gradient (the batch-mean loss, as PyTorch reports it)
 * @param gradRms          ‖g‖₂/√n
 * @param gradMaxAbs       max |g_i|
 * @param gradZeroFraction fraction of g_i exactly 0
 * @param nonFinite        number of NaN or infinite g_i
 * @param weightL2         ‖W‖₂ before the step
 * @param updateL2         ‖W_after − W_before‖₂, what the optimizer actually did (NaN until the step is taken)
 * @param updateRatio      updateL2 / weightL2, the update:weight ratio (≈ 1e-3 is the usual healthy order)
 */
public record ParameterStats(String name, double gradL2, double gradRms, double gradMaxAbs, double gradZeroFraction,
                             long nonFinite, double weightL2, double updateL2, double updateRatio) {

    /** This with ‖W‖ before the step and the update's norm (the probe measures both after the step). */
    ParameterStats withWeightAndUpdate(double weightL2, double update) {
        return new ParameterStats(name, gradL2, gradRms, gradMaxAbs, gradZeroFraction, nonFinite, weightL2, Double.NaN, Double.NaN).withUpdate(update);
    }

    ParameterStats withUpdate(double update) {
        return new ParameterStats(name, gradL2, gradRms, gradMaxAbs, gradZeroFraction, nonFinite, weightL2, update,
                weightL2 > 0 ? update / weightL2 : Double.NaN);
    }
}
