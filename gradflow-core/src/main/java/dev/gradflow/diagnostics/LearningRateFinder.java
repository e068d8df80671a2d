package dev.gradflow.diagnostics;

import dev.gradflow.nn.Module;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The learning-rate range test (Smith 2017; fastai's {@code lr_find}): train for up to {@code steps} steps while the
 * learning rate grows exponentially, lr_i = start·(end/start)^{i/(steps−1)}, and watch the loss.
 *
 * <p>The loss is smoothed by an exponential moving average with bias correction, s_i = a_i/(1 − β^{i+1}) where
 * a_i = β·a_{i−1} + (1 − β)·loss_i and β = 0.98; the test stops once s_i &gt; 4·min_{j≤i} s_j or the loss is not
 * finite. The model's weights are restored afterwards, so the test leaves the model as it found it (the optimizer's
 * state is not: give the finder a fresh optimizer).
 *
 * <p>Suggestions, each a rule of thumb: <b>minimum/10</b> — a tenth of the rate at the lowest smoothed loss (the
 * minimum itself is already too high to train at); <b>steepest</b> — where the smoothed loss falls fastest per
 * decade of learning rate; <b>valley</b> — fastai's rule: the longest decreasing subsequence of the smoothed
 * loss, taken halfway between its first third and its middle. One change: a step only counts as a decrease when it
 * is larger than 1% of the descent (the highest smoothed loss before the minimum, minus the minimum). With full-batch training the loss creeps down by tiny amounts even at
 * rates of 1e-7, and without the tolerance that creep would start the valley at the very beginning of the sweep.
 */
public final class LearningRateFinder {
    private static final double BETA = 0.98;
    private static final double STOP_FACTOR = 4.0;

    /** The range to sweep and its length. */
    public record Config(double start, double end, int steps) {
        public Config {
            if (!(start > 0 && end > start)) throw new IllegalArgumentException("lr-find needs 0 < start < end, got " + start + ", " + end);
            if (steps < 5) throw new IllegalArgumentException("lr-find needs at least 5 steps, got " + steps);
        }

        /** 1e-7 to 10 over 100 steps, as fastai. */
        public static Config defaults() {
            return new Config(1e-7, 10, 100);
        }
    }

    /** The curve and the suggestions; {@code lrs}, {@code losses} and {@code smoothed} have one entry per step taken. */
    public record Result(List<Double> lrs, List<Double> losses, List<Double> smoothed, double valley, double steepest,
                         double minimumTenth, boolean stoppedEarly) {}

    /** One training batch. */
    public record Batch(Tensor inputs, Tensor targets) {}

    private LearningRateFinder() {}

    /**
     * Runs the range test on {@code model} with {@code optimizer} (whose learning rate it sets each step), taking
     * batch i from {@code batches}.
     */
    public static Result run(Module model, Loss loss, Optimizer optimizer, IntFunction<Batch> batches, Config config) {
        List<Tensor> params = model.parameters();
        List<float[]> saved = new ArrayList<>();
        for (Tensor p : params) saved.add(p.data().clone());
        List<Double> lrs = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Double> smoothed = new ArrayList<>();
        double avg = 0;
        double best = Double.POSITIVE_INFINITY;
        boolean stopped = false;
        try {
            for (int i = 0; i < config.steps(); i++) {
                double lr = config.start() * Math.pow(config.end() / config.start(), (double) i / (config.steps() - 1));
                Batch b = batches.apply(i);
                optimizer.zeroGrad();
                Tensor l = loss.compute(model.forward(b.inputs()), b.targets());
                double value = l.item();
                if (!Double.isFinite(value)) {
                    stopped = true;
                    break;
                }
                avg = BETA * avg + (1 - BETA) * value;
                double s = avg / (1 - Math.pow(BETA, i + 1));
                lrs.add(lr);
                losses.add(value);
                smoothed.add(s);
                best = Math.min(best, s);
                if (i > 0 && s > STOP_FACTOR * best) {
                    stopped = true;
                    break;
                }
                l.backward();
                optimizer.setLearningRate(lr);
                optimizer.step();
            }
        } finally {
            for (int k = 0; k < params.size(); k++) System.arraycopy(saved.get(k), 0, params.get(k).data(), 0, saved.get(k).length);
            optimizer.zeroGrad();
        }
        if (lrs.size() < 3) {
            throw new IllegalStateException("lr-find: the loss was not finite after " + lrs.size() + " steps starting at lr "
                    + config.start() + "; lower the start of the range");
        }
        return new Result(lrs, losses, smoothed, valley(lrs, smoothed), steepest(lrs, smoothed), minimumTenth(lrs, smoothed), stopped);
    }

    static double minimumTenth(List<Double> lrs, List<Double> s) {
        int best = 0;
        for (int i = 1; i < s.size(); i++) if (s.get(i) < s.get(best)) best = i;
        return lrs.get(best) / 10;
    }

    /** The rate where d(smoothed loss)/d(log lr) is most negative (central differences inside, one-sided at the ends). */
    static double steepest(List<Double> lrs, List<Double> s) {
        int n = s.size();
        int best = 0;
        double bestSlope = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - 1);
            int b = Math.min(n - 1, i + 1);
            double slope = (s.get(b) - s.get(a)) / (Math.log(lrs.get(b)) - Math.log(lrs.get(a)));
            if (slope < bestSlope) {
                bestSlope = slope;
                best = i;
            }
        }
        return lrs.get(best);
    }

    /**
     * fastai's valley rule: find the longest decreasing subsequence of the smoothed loss (decreases larger than 1% of
     * the descent), ending at index e with length L, and return the rate at index (e − L) + ⌊L/3⌋ + ⌊(L/3)/2⌋
     * — a third plus a sixth of the way into the stretch.
     */
    static double valley(List<Double> lrs, List<Double> s) {
        int n = s.size();
        // The descent's depth: from the highest point before the minimum down to the minimum. The blow-up after the
        // minimum is left out, or a single huge final loss would make every real decrease look like noise.
        int argMin = 0;
        for (int i = 1; i < n; i++) if (s.get(i) < s.get(argMin)) argMin = i;
        double peak = s.get(0);
        for (int i = 0; i <= argMin; i++) peak = Math.max(peak, s.get(i));
        double tolerance = 0.01 * (peak - s.get(argMin));
        int[] length = new int[n];
        java.util.Arrays.fill(length, 1);
        int maxStart = 0;
        int maxEnd = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (s.get(i) < s.get(j) - tolerance && length[i] < length[j] + 1) length[i] = length[j] + 1;
                if (length[maxEnd] < length[i]) {
                    maxEnd = i;
                    maxStart = maxEnd - length[maxEnd];
                }
            }
        }
        double sections = (maxEnd - maxStart) / 3.0;
        int index = Math.max(0, Math.min(n - 1, maxStart + (int) sections + (int) (sections / 2)));
        return lrs.get(index);
    }
}
