package dev.gradflow.report;

import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.VariantSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The outcome of a grid that is a cartesian product of at least two axes (e.g. depth × activation × init), for the
 * report's "where does training stop working" heatmap: rows are the first axis's values, columns the second's,
 * one panel per combination of the remaining axes. Built from {@link RunSummary#axes()} and each variant's
 * coordinates, its {@link VariantSummary#overrides()}; variants that do not sit on every axis (a named variant
 * beside the product) are left out. Runs of one cell with several seeds are combined: linear measures by their
 * mean, log-scale measures by their geometric mean, over the runs that completed.
 *
 * <p>The measures of a cell, each a documented column of the summary:
 * <ul>
 *   <li>{@code lossRatio} = loss_final / loss_initial: below 1 the model learned, about 1 it did not move, above
 *       1 it got worse (log scale);</li>
 *   <li>{@code accuracy}: final validation (else training) accuracy, classification only;</li>
 *   <li>{@code backpropInit}: RMS of ∂L/∂(first layer's output) per example at step 1, the gradient the first
 *       layer receives at initialization (log scale);</li>
 *   <li>{@code decadesPerLayerInit}: decades that gradient changes per layer towards the input at step 1.</li>
 * </ul>
 *
 * @param axes  the product's axes, first (rows) to last
 * @param cells the occupied cells, in grid order
 */
public record GridData(List<Axis> axes, List<Cell> cells) {
    /** Fewer axes than this make no heatmap. */
    static final int MIN_AXES = 2;

    public GridData {
        axes = List.copyOf(axes);
        cells = List.copyOf(cells);
    }

    /**
     * One axis.
     *
     * @param key    the dotted path the product varies ({@code model.mlp.depth})
     * @param label  its last part ({@code depth})
     * @param values its values as written in the spec, in order
     */
    public record Axis(String key, String label, List<String> values) {
        public Axis {
            values = List.copyOf(values);
        }
    }

    /**
     * One cell of the grid.
     *
     * @param coordinates         the index of the cell's value on each axis
     * @param variants            the runs in the cell (one per seed)
     * @param status              "complete" when a run completed, else the first run's status ("failed", "missing")
     * @param error               the first failed run's error, or null
     * @param lossInitial         mean loss at step 1
     * @param lossFinal           mean final loss
     * @param lossRatio           geometric mean of loss_final / loss_initial
     * @param accuracy            mean final accuracy (NaN for regression)
     * @param backpropInit        geometric mean of the first layer's backpropagated gradient RMS at step 1
     * @param decadesPerLayerInit mean decades per layer at step 1
     */
    public record Cell(List<Integer> coordinates, List<String> variants, String status, String error, double lossInitial,
                       double lossFinal, double lossRatio, double accuracy, double backpropInit, double decadesPerLayerInit) {
        public Cell {
            coordinates = List.copyOf(coordinates);
            variants = List.copyOf(variants);
        }
    }

    /** The heatmap data of {@code run}, or null when its grid has fewer than two product axes. */
    public static GridData of(RunSummary run) {
        if (run.axes().size() < MIN_AXES) return null;
        List<Axis> axes = new ArrayList<>();
        run.axes().forEach((key, values) -> axes.add(new Axis(key, key.substring(key.lastIndexOf('.') + 1), values)));
        Map<List<Integer>, List<VariantSummary>> byCell = new LinkedHashMap<>();
        for (VariantSummary v : run.variants()) {
            List<Integer> at = coordinates(axes, v);
            if (at != null) byCell.computeIfAbsent(at, k -> new ArrayList<>()).add(v);
        }
        if (byCell.isEmpty()) return null;
        List<Cell> cells = new ArrayList<>();
        byCell.forEach((at, runs) -> cells.add(cell(at, runs)));
        return new GridData(axes, cells);
    }

    /** The variant's index on every axis, or null when one of its overrides is missing or off the axis. */
    static List<Integer> coordinates(List<Axis> axes, VariantSummary v) {
        List<Integer> out = new ArrayList<>(axes.size());
        for (Axis axis : axes) {
            String value = v.overrides().get(axis.key());
            int index = value == null ? -1 : axis.values().indexOf(value);
            if (index < 0) return null;
            out.add(index);
        }
        return out;
    }

    static Cell cell(List<Integer> at, List<VariantSummary> runs) {
        List<VariantSummary> complete = runs.stream().filter(v -> "complete".equals(v.status())).toList();
        String status = complete.isEmpty() ? (runs.getFirst().status() == null ? "missing" : runs.getFirst().status()) : "complete";
        String error = runs.stream().map(VariantSummary::error).filter(e -> e != null && !e.isBlank()).findFirst().orElse(null);
        List<VariantSummary> measured = complete.isEmpty() ? runs : complete;
        return new Cell(at, runs.stream().map(VariantSummary::name).toList(), status, error,
                mean(measured, VariantSummary::lossInitial),
                complete.isEmpty() ? Double.NaN : mean(complete, VariantSummary::lossFinal),
                complete.isEmpty() ? Double.NaN : geometricMean(complete, v -> v.lossFinal() / v.lossInitial()),
                complete.isEmpty() ? Double.NaN : mean(complete, VariantSummary::accuracy),
                geometricMean(measured, VariantSummary::firstLayerBackpropInit),
                mean(measured, VariantSummary::decadesPerLayerInit));
    }

    /** The mean of the finite values, NaN when there are none; rounded as the chart data are. */
    static double mean(List<VariantSummary> runs, ToDoubleFunction<VariantSummary> measure) {
        double sum = 0;
        int n = 0;
        for (VariantSummary v : runs) {
            double x = measure.applyAsDouble(v);
            if (Double.isFinite(x)) {
                sum += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : ChartData.round(sum / n);
    }

    /** exp(mean(ln x)) over the finite positive values, NaN when there are none. */
    static double geometricMean(List<VariantSummary> runs, ToDoubleFunction<VariantSummary> measure) {
        double sum = 0;
        int n = 0;
        for (VariantSummary v : runs) {
            double x = measure.applyAsDouble(v);
            if (Double.isFinite(x) && x > 0) {
                sum += Math.log(x);
                n++;
            }
        }
        return n == 0 ? Double.NaN : ChartData.round(Math.exp(sum / n));
    }
}
