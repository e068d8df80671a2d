package dev.gradflow.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Gradient magnitude against depth for the weight layers of a model at one recorded step.
 *
 * <p>Two measures, because they answer different questions (Glorot &amp; Bengio 2010, §4.2.2): the backpropagated
 * gradient ∂loss/∂(layer output) is what shrinks or grows layer by layer; the weight gradient ∂loss/∂W is what
 * the optimizer sees, and can stay nearly flat across layers while the former vanishes, because activations
 * shrink in the opposite direction.
 *
 * @param points             per weight layer, input side first
 * @param decadesPerLayer    decades the backpropagated gradient changes per layer, going from the output back
 *                           towards the input (least-squares fit): negative is shrinking, −0.5 means a factor √10
 *                           lost per layer
 * @param weightGradRatio    ‖∂L/∂W_first‖ / ‖∂L/∂W_last‖
 * @param backpropRatio      RMS(∂L/∂out_first) / RMS(∂L/∂out_last)
 */
public record GradientFlowProfile(List<Point> points, double decadesPerLayer, double weightGradRatio, double backpropRatio) {

    /** One weight layer. */
    public record Point(String layer, String activation, double weightGradL2, double backpropRms) {}

    public GradientFlowProfile {
        points = List.copyOf(points);
    }

    /** The profile of {@code record} for the weight layers of {@code anatomy}. */
    public static GradientFlowProfile of(ModelAnatomy anatomy, StepRecord record) {
        Map<String, LayerStats> layers = record.layers().stream().collect(Collectors.toMap(LayerStats::name, Function.identity(), (a, b) -> a));
        Map<String, ParameterStats> params = record.parameters().stream().collect(Collectors.toMap(ParameterStats::name, Function.identity(), (a, b) -> a));
        List<Point> points = new ArrayList<>();
        for (ModelAnatomy.WeightLayer w : anatomy.layers()) {
            ParameterStats p = params.get(w.name() + ".weight");
            LayerStats l = layers.get(w.name());
            points.add(new Point(w.name(), w.activation(), p == null ? Double.NaN : p.gradL2(), l == null ? Double.NaN : l.gradOutputRms()));
        }
        if (points.isEmpty()) return new GradientFlowProfile(points, Double.NaN, Double.NaN, Double.NaN);
        Point first = points.get(0);
        Point last = points.get(points.size() - 1);
        return new GradientFlowProfile(points, slope(points), first.weightGradL2() / last.weightGradL2(),
                first.backpropRms() / last.backpropRms());
    }

    /**
     * Decades gained per layer going from the output back to the input: the least-squares slope of
     * log₁₀ RMS(∂L/∂out_i) against i, negated so that −0.5 reads "half a decade lost per layer towards the input".
     */
    private static double slope(List<Point> points) {
        int n = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < points.size(); i++) {
            double v = points.get(i).backpropRms();
            if (!(v > 0) || !Double.isFinite(v)) continue;
            double y = Math.log10(v);
            n++;
            sx += i;
            sy += y;
            sxx += (double) i * i;
            sxy += i * y;
        }
        if (n < 2) return Double.NaN;
        double denom = n * sxx - sx * sx;
        return -(n * sxy - sx * sy) / denom;
    }
}
