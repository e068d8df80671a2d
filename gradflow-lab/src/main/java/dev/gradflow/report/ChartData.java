package dev.gradflow.report;

import dev.gradflow.diagnostics.LayerStats;
import dev.gradflow.diagnostics.ParameterStats;
import dev.gradflow.diagnostics.StepRecord;
import dev.gradflow.lab.VariantSummary;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * What the report's script draws, embedded in the page as JSON through {@link Json} (snake_case, NaN as null):
 * per variant, the probe records in column form, down-sampled and rounded so that the page stays small.
 *
 * <p>Down-sampling keeps evenly spaced records, always the first and the last: at most {@link #LOSS_POINTS} for
 * the loss curve and {@link #LAYER_POINTS} for each per-layer series (the heatmap's columns). Values are rounded
 * to {@link #SIGNIFICANT_DIGITS} significant digits, enough for a chart. The gradient-flow profiles use the first
 * and the last recorded step exactly.
 *
 * @param variants     one per variant of the run summary, in grid order (variants without records have empty series)
 * @param grid         the outcome per cell of a grid with two or more product axes (the heatmap), or null
 * @param learningRate the learning-rate range tests and sweeps, or null when the run has neither
 */
public record ChartData(List<VariantSeries> variants, GridData grid, LearningRateData learningRate) {
    static final int LOSS_POINTS = 400;
    static final int LAYER_POINTS = 200;
    static final int SIGNIFICANT_DIGITS = 4;
    /** Layer kinds whose {@code NAME.weight} is a weight matrix or kernel (what the gradient-flow profile plots). */
    private static final Set<String> WEIGHT_LAYER_KINDS = Set.of("linear", "conv2d");

    public ChartData {
        variants = List.copyOf(variants);
    }

    /** Series only: no grid heatmap, no learning-rate charts. */
    public ChartData(List<VariantSeries> variants) {
        this(variants, null, null);
    }

    /** Everything the report draws for {@code run}. */
    public static ChartData of(RunContents run) {
        return new ChartData(of(run.summary().variants(), run.records()).variants(), GridData.of(run.summary()),
                LearningRateData.of(run.summary().variants(), run.rangeTests()));
    }

    /**
     * One variant's series.
     *
     * @param name         the variant's name
     * @param status       "complete", "failed", "missing"
     * @param steps        the steps of the loss curve
     * @param loss         the data loss at those steps
     * @param layerSteps   the steps of the per-layer series
     * @param layers       per layer, in model order
     * @param weights      per weight parameter ({@code NAME.weight} of a linear or conv layer), in state_dict order
     * @param profileFirst gradient magnitude against depth at the first recorded step, or null without records
     * @param profileLast  the same at the last recorded step
     */
    public record VariantSeries(String name, String status, List<Long> steps, List<Double> loss, List<Long> layerSteps,
                                List<LayerSeries> layers, List<WeightSeries> weights, Profile profileFirst,
                                Profile profileLast) {}

    /** Per-layer series at {@code layerSteps}: see {@link LayerStats} for each measure. */
    public record LayerSeries(String name, String kind, List<Double> gradOutputRms, List<Double> activationStd,
                              List<Double> saturatedFraction, List<Double> deadFraction) {}

    /** Per weight-parameter series at {@code layerSteps}: see {@link ParameterStats}. */
    public record WeightSeries(String name, List<Double> gradL2, List<Double> updateRatio) {}

    /**
     * Gradient magnitude of each weight layer, input side first, at one step.
     *
     * @param step        the recorded step
     * @param layers      the weight layers' names
     * @param backpropRms RMS(∂L/∂layer output) per example
     * @param weightGradL2 ‖∂L/∂W‖₂
     */
    public record Profile(long step, List<String> layers, List<Double> backpropRms, List<Double> weightGradL2) {}

    /** Assembles the series of every variant of {@code variants} from its records ({@code records} by name). */
    public static ChartData of(List<VariantSummary> variants, Map<String, List<StepRecord>> records) {
        List<VariantSeries> out = new ArrayList<>();
        for (VariantSummary v : variants) out.add(series(v, records.getOrDefault(v.name(), List.of())));
        return new ChartData(out);
    }

    static VariantSeries series(VariantSummary variant, List<StepRecord> records) {
        if (records.isEmpty()) {
            return new VariantSeries(variant.name(), variant.status(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null);
        }
        int[] lossIndices = evenlySpaced(records.size(), LOSS_POINTS);
        int[] layerIndices = evenlySpaced(records.size(), LAYER_POINTS);
        List<LayerStats> layerOrder = records.get(0).layers();
        List<Map<String, LayerStats>> layersByName = new ArrayList<>();
        List<Map<String, ParameterStats>> parametersByName = new ArrayList<>();
        for (int i : layerIndices) {
            layersByName.add(byName(records.get(i).layers(), LayerStats::name));
            parametersByName.add(byName(records.get(i).parameters(), ParameterStats::name));
        }
        List<LayerSeries> layers = new ArrayList<>();
        for (LayerStats layer : layerOrder) {
            String n = layer.name();
            layers.add(new LayerSeries(n, layer.kind(),
                    column(layersByName, n, LayerStats::gradOutputRms), column(layersByName, n, LayerStats::activationStd),
                    column(layersByName, n, LayerStats::saturatedFraction), column(layersByName, n, LayerStats::deadFraction)));
        }
        List<String> weightNames = weightParameters(records.get(0));
        List<WeightSeries> weights = new ArrayList<>();
        for (String n : weightNames) {
            weights.add(new WeightSeries(n, column(parametersByName, n, ParameterStats::gradL2),
                    column(parametersByName, n, ParameterStats::updateRatio)));
        }
        List<Long> steps = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        for (int i : lossIndices) {
            steps.add(records.get(i).step());
            loss.add(round(records.get(i).loss()));
        }
        List<Long> layerSteps = new ArrayList<>();
        for (int i : layerIndices) layerSteps.add(records.get(i).step());
        return new VariantSeries(variant.name(), variant.status(), steps, loss, layerSteps, layers, weights,
                profile(records.get(0), weightNames), profile(records.get(records.size() - 1), weightNames));
    }

    /** The {@code NAME.weight} parameters of weight layers (or of layers the record does not describe), in order. */
    static List<String> weightParameters(StepRecord record) {
        Map<String, LayerStats> layers = byName(record.layers(), LayerStats::name);
        List<String> out = new ArrayList<>();
        for (ParameterStats p : record.parameters()) {
            if (!p.name().endsWith(".weight")) continue;
            LayerStats owner = layers.get(p.name().substring(0, p.name().length() - ".weight".length()));
            if (owner == null || WEIGHT_LAYER_KINDS.contains(owner.kind())) out.add(p.name());
        }
        return out;
    }

    static Profile profile(StepRecord record, List<String> weightNames) {
        Map<String, LayerStats> layers = byName(record.layers(), LayerStats::name);
        Map<String, ParameterStats> parameters = byName(record.parameters(), ParameterStats::name);
        List<String> names = new ArrayList<>();
        List<Double> backprop = new ArrayList<>();
        List<Double> weightGrad = new ArrayList<>();
        for (String w : weightNames) {
            String layer = w.substring(0, w.length() - ".weight".length());
            LayerStats l = layers.get(layer);
            ParameterStats p = parameters.get(w);
            names.add(layer);
            backprop.add(round(l == null ? Double.NaN : l.gradOutputRms()));
            weightGrad.add(round(p == null ? Double.NaN : p.gradL2()));
        }
        return new Profile(record.step(), names, backprop, weightGrad);
    }

    /**
     * {@code min(count, max)} indices into {@code [0, count)}, evenly spaced, ascending, first and last included.
     */
    static int[] evenlySpaced(int count, int max) {
        if (max < 2) throw new IllegalArgumentException("evenlySpaced: max must be at least 2, got " + max);
        int n = Math.min(count, max);
        int[] out = new int[n];
        if (n == 1) return out;
        for (int k = 0; k < n; k++) out[k] = (int) Math.round((double) k * (count - 1) / (n - 1));
        return out;
    }

    /** {@code v} to {@link #SIGNIFICANT_DIGITS} significant digits; non-finite stays as is (written as null). */
    static double round(double v) {
        if (!Double.isFinite(v) || v == 0) return v;
        int decimals = SIGNIFICANT_DIGITS - 1 - (int) Math.floor(Math.log10(Math.abs(v)));
        // Powers of ten up to 1e22 are exact doubles, so one correctly rounded division or product gives the double
        // nearest the rounded decimal (and prints as it); beyond that BigDecimal does it exactly, more slowly.
        if (decimals >= 0 && decimals <= 22) return Math.rint(v * EXACT_POWERS[decimals]) / EXACT_POWERS[decimals];
        if (decimals < 0 && decimals >= -22) return Math.rint(v / EXACT_POWERS[-decimals]) * EXACT_POWERS[-decimals];
        return new BigDecimal(v).round(new MathContext(SIGNIFICANT_DIGITS)).doubleValue();
    }

    private static final double[] EXACT_POWERS = new double[23];

    static {
        EXACT_POWERS[0] = 1;
        for (int i = 1; i < EXACT_POWERS.length; i++) EXACT_POWERS[i] = EXACT_POWERS[i - 1] * 10;
    }

    private static <T> List<Double> column(List<Map<String, T>> rows, String name, ToDoubleFunction<T> measure) {
        List<Double> out = new ArrayList<>(rows.size());
        for (Map<String, T> row : rows) {
            T stats = row.get(name);
            out.add(stats == null ? Double.NaN : round(measure.applyAsDouble(stats)));
        }
        return out;
    }

    private static <T> Map<String, T> byName(List<T> items, java.util.function.Function<T, String> name) {
        Map<String, T> out = new HashMap<>();
        for (T item : items) out.putIfAbsent(name.apply(item), item);
        return out;
    }
}
