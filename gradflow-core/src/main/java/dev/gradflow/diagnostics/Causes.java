package dev.gradflow.diagnostics;

import dev.gradflow.diagnostics.Finding.Remedy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a model's anatomy into the plain-words cause of a gradient problem and the remedies worth trying. */
final class Causes {
    private Causes() {}

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2g", v);
    }

    /** Why the backpropagated gradient shrinks towards the input. */
    static String vanishing(ModelAnatomy a) {
        List<String> parts = new ArrayList<>();
        long sigmoid = a.count("sigmoid");
        long tanh = a.count("tanh");
        if (sigmoid > 0) {
            parts.add("sigmoid′(x) ≤ 0.25, so " + sigmoid + " sigmoid layers scale the gradient by at most 0.25^" + sigmoid
                    + " ≈ " + fmt(Math.pow(0.25, sigmoid)));
        }
        if (tanh > 0) {
            double g = meanGain(a, "tanh");
            if (g < 0.9) {
                parts.add("tanh layers with n·Var(w) = " + fmt(g) + " < 1 shrink the gradient variance by ≈ " + fmt(g)
                        + " per layer (" + tanh + " layers)");
            } else {
                parts.add(tanh + " tanh layers: tanh′ ≤ 1 and saturated units pass almost nothing");
            }
        }
        for (String relu : List.of("relu", "leaky_relu", "gelu", "silu", "elu")) {
            long n = a.count(relu);
            if (n == 0) continue;
            double g = meanGain(a, relu);
            if (g < 1.6) {
                parts.add(relu + " layers with n·Var(w) = " + fmt(g) + " below He's 2 scale the gradient variance by ≈ "
                        + fmt(g / 2) + " per layer (" + n + " layers)");
            }
        }
        if (parts.isEmpty()) parts.add("the gradient shrinks over " + a.depth() + " weight layers");
        return String.join("; ", parts) + ".";
    }

    /** Why the gradient grows towards the input. */
    static String exploding(ModelAnatomy a) {
        List<String> parts = new ArrayList<>();
        for (ModelAnatomy.WeightLayer w : a.layers()) {
            double critical = ModelAnatomy.criticalGain(w.activation());
            if (Double.isFinite(critical) && w.gain() > 1.5 * critical) {
                parts.add("layer " + w.name() + " has n·Var(w) = " + fmt(w.gain()) + " > " + fmt(critical) + " (critical for "
                        + w.activation() + ")");
            }
        }
        if (parts.isEmpty()) return "gradients grow through the layers; a learning rate too high for the curvature can do this.";
        if (parts.size() > 3) {
            return parts.size() + " layers are initialized above the critical gain (e.g. " + parts.get(0)
                    + "), so each multiplies the gradient variance by more than 1.";
        }
        return String.join("; ", parts) + ", so each multiplies the gradient variance by more than 1.";
    }

    static List<Remedy> vanishingRemedies(ModelAnatomy a) {
        List<Remedy> r = new ArrayList<>();
        boolean saturating = a.count("sigmoid") + a.count("tanh") > 0;
        if (saturating) {
            r.add(new Remedy("use ReLU-family activations (ReLU, GELU, SiLU) with He init",
                    "their derivative is 1 on the active side, and He init (n·Var(w) = 2) keeps the gradient variance constant from layer to layer"));
        } else {
            r.add(new Remedy("re-initialize with He init (kaiming_normal, n·Var(w) = 2)",
                    "it is the gain at which a ReLU layer neither shrinks nor grows the gradient variance"));
        }
        r.add(new Remedy("add normalization (BatchNorm or LayerNorm) after the linear layers",
                "it rescales every layer's pre-activations, keeping units out of the flat regions and the per-layer gradient scale near 1"));
        r.add(new Remedy("add residual connections (x + F(x))",
                "the identity path carries the gradient past each block unchanged: ∂(x + F(x))/∂x = I + ∂F/∂x"));
        if (a.count("tanh") > 0) {
            r.add(new Remedy("initialize tanh layers with Xavier (Glorot) init", "n·Var(w) ≈ 1 is tanh's critical gain near 0"));
        }
        r.add(new Remedy("train with Adam or RMSprop",
                "they divide each parameter's step by its own gradient scale, so the first layers still move; the raw gradients stay as small as before — the flow itself is not repaired"));
        return r;
    }

    static List<Remedy> explodingRemedies() {
        return List.of(
                new Remedy("clip gradients by global norm (e.g. max_norm 1.0)", "bounds every step whatever the gradient's size, without changing its direction"),
                new Remedy("re-initialize at the critical gain (He for ReLU, Xavier for tanh)", "each layer then multiplies the gradient variance by ≈ 1 instead of more"),
                new Remedy("lower the learning rate (run lr-find)", "a smaller step keeps the weights from growing into the unstable regime"),
                new Remedy("add normalization (BatchNorm or LayerNorm)", "it removes the layer-to-layer growth of activation scale"));
    }

    private static double meanGain(ModelAnatomy a, String activation) {
        return a.layers().stream().filter(l -> l.activation().equals(activation)).mapToDouble(ModelAnatomy.WeightLayer::gain).average().orElse(Double.NaN);
    }
}
