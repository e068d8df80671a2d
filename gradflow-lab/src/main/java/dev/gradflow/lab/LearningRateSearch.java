package dev.gradflow.lab;

import dev.gradflow.diagnostics.LearningRateFinder;
import java.util.List;

/**
 * {@code variants/NAME/lr_find.json}: a learning-rate range test ({@link LearningRateFinder}) and what the variant
 * did with it. {@code lrs}, {@code losses} and {@code smoothed} have one entry per step taken.
 *
 * @param optimizer     the optimizer the test stepped
 * @param start         the first rate of the sweep
 * @param end           the last rate the sweep would reach
 * @param steps         steps planned
 * @param lrs           the rate of each step taken
 * @param losses        the batch loss of each step taken
 * @param smoothed      the bias-corrected exponential moving average of the loss (β = 0.98)
 * @param valley        fastai's valley suggestion
 * @param steepest      where the smoothed loss falls fastest per decade
 * @param minimumTenth  a tenth of the rate at the lowest smoothed loss
 * @param stoppedEarly  whether the loss blew up (above 4× its minimum, or not finite) before the end
 * @param use           which suggestion training used: valley, steepest, minimum_tenth or none
 * @param learningRate  the rate training used
 */
public record LearningRateSearch(String optimizer, double start, double end, int steps, List<Double> lrs,
                                 List<Double> losses, List<Double> smoothed, double valley, double steepest,
                                 double minimumTenth, boolean stoppedEarly, String use, double learningRate) {
    public LearningRateSearch {
        lrs = List.copyOf(lrs);
        losses = List.copyOf(losses);
        smoothed = List.copyOf(smoothed);
    }
}
