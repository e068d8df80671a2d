package dev.gradflow.diagnostics;

import dev.gradflow.nn.Module;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The pre-flight check: gradient and activation statistics of a freshly initialized model, averaged over
 * {@code batches} random batches for each of {@code seeds} initializations, without training.
 *
 * <p>Averaging: the loss, norms, means and fractions are arithmetic means over the runs; the RMS fields
 * (backpropagated gradient RMS, gradient RMS) are pooled — √(mean of squares) — so they stay an RMS over every
 * unit and example seen.
 */
public final class InitializationAnalysis {
    private InitializationAnalysis() {}

    /** One batch: inputs and targets. */
    public record Batch(Tensor inputs, Tensor targets) {}

    /** Supplies batch {@code index} for initialization {@code seed}. */
    @FunctionalInterface
    public interface BatchSource {
        Batch batch(int seed, int index);
    }

    /** The averaged record and the model of the first seed (for its anatomy). */
    public record Result(StepRecord averaged, Module firstModel, int runs) {}

    /**
     * Runs forward and backward for every (seed, batch) pair and averages the probe records.
     *
     * @param modelForSeed builds a freshly initialized model for a seed
     */
    public static Result run(IntFunction<Module> modelForSeed, Loss loss, BatchSource data, int batches, int seeds, ProbeConfig config) {
        if (batches < 1 || seeds < 1) throw new IllegalArgumentException("need batches >= 1 and seeds >= 1, got " + batches + ", " + seeds);
        List<StepRecord> records = new ArrayList<>();
        Module first = null;
        for (int s = 0; s < seeds; s++) {
            Module model = modelForSeed.apply(s);
            if (first == null) first = model;
            GradientFlowProbe probe = new GradientFlowProbe(model, config.withInterval(1));
            for (int b = 0; b < batches; b++) {
                Batch batch = data.batch(s, b);
                model.zeroGrad();
                probe.beginStep(1);
                Tensor out = model.forward(batch.inputs());
                Tensor l = loss.compute(out, batch.targets());
                l.backward();
                probe.afterBackward(l.item(), Double.NaN);
                records.add(probe.endStep(Double.NaN, false));
            }
            probe.detach();
            model.zeroGrad();
        }
        return new Result(average(records), first, records.size());
    }

    /** Field-wise average of records that share layer and parameter layouts. */
    static StepRecord average(List<StepRecord> rs) {
        StepRecord r0 = rs.get(0);
        int n = rs.size();
        List<LayerStats> layers = new ArrayList<>();
        for (int i = 0; i < r0.layers().size(); i++) {
            double mean = 0, std = 0, sat = 0, dead = 0, gradSq = 0, gradMax = 0;
            for (StepRecord r : rs) {
                LayerStats l = r.layers().get(i);
                mean += l.activationMean();
                std += l.activationStd();
                sat += l.saturatedFraction();
                dead += l.deadFraction();
                gradSq += l.gradOutputRms() * l.gradOutputRms();
                gradMax += l.gradOutputMax();
            }
            LayerStats l0 = r0.layers().get(i);
            layers.add(new LayerStats(l0.name(), l0.kind(), mean / n, std / n, sat / n, dead / n, Math.sqrt(gradSq / n), gradMax / n));
        }
        List<ParameterStats> params = new ArrayList<>();
        for (int i = 0; i < r0.parameters().size(); i++) {
            double l2 = 0, rmsSq = 0, max = 0, zeros = 0, w = 0;
            long nonFinite = 0;
            for (StepRecord r : rs) {
                ParameterStats p = r.parameters().get(i);
                l2 += p.gradL2();
                rmsSq += p.gradRms() * p.gradRms();
                max += p.gradMaxAbs();
                zeros += p.gradZeroFraction();
                nonFinite += p.nonFinite();
                w += p.weightL2();
            }
            params.add(new ParameterStats(r0.parameters().get(i).name(), l2 / n, Math.sqrt(rmsSq / n), max / n, zeros / n, nonFinite,
                    w / n, Double.NaN, Double.NaN));
        }
        double loss = rs.stream().mapToDouble(StepRecord::loss).average().orElse(Double.NaN);
        return new StepRecord(0, loss, Double.NaN, Double.NaN, false, layers, params);
    }
}
