package dev.gradflow.diagnostics;

import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.Sequential;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The weight layers of a model in depth order, with what follows each (its activation) and how its weights were
 * scaled — the facts a detector needs to name a cause.
 *
 * <p>For a weight W with fan-in n, the signal and gradient variances are multiplied per layer by ≈ n·Var(W)·c,
 * where c = E[φ′²] depends on the activation (He et al. 2015): c = ½ for ReLU, ≈ 1 for tanh near 0, ≤ 1/16 for
 * sigmoid. {@link WeightLayer#gain()} is n·Var(W); {@link #criticalGain(String)} is the value that keeps the
 * variance constant (2 for ReLU, 1 for tanh/identity/SELU).
 */
public record ModelAnatomy(List<WeightLayer> layers) {

    /**
     * One layer that has a weight.
     *
     * @param name       qualified name ("0", "3.branch.0")
     * @param kind       "linear", "conv2d", …
     * @param fanIn      inputs per output unit
     * @param gain       fan_in · Var(W) of the current weights
     * @param activation kind of the activation that follows it, or "identity"
     */
    public record WeightLayer(String name, String kind, int fanIn, double gain, String activation) {}

    public ModelAnatomy {
        layers = List.copyOf(layers);
    }

    /** Reads the weight layers of {@code model} (depth-first, in parameter order). */
    public static ModelAnatomy of(Module model) {
        List<WeightLayer> out = new ArrayList<>();
        walk(model, "", out);
        return new ModelAnatomy(out);
    }

    private static void walk(Module module, String prefix, List<WeightLayer> out) {
        if (module instanceof Sequential seq) {
            for (int i = 0; i < seq.size(); i++) {
                Module layer = seq.get(i);
                String name = prefix + i;
                Tensor w = layer.namedParameters().get("weight");
                if (w != null && layer.namedChildren().isEmpty() && w.rank() >= 2) {
                    String act = "identity";
                    if (i + 1 < seq.size() && seq.get(i + 1) instanceof Activation a) act = a.kind();
                    out.add(new WeightLayer(name, layer.kind(), w.size() / w.dim(0), gain(w), act));
                } else {
                    walkChildren(layer, name + ".", out);
                }
            }
        } else {
            walkChildren(module, prefix, out);
        }
    }

    private static void walkChildren(Module module, String prefix, List<WeightLayer> out) {
        for (Map.Entry<String, Module> e : module.namedChildren().entrySet()) {
            if (e.getValue() instanceof Sequential) walk(e.getValue(), prefix + e.getKey() + ".", out);
            else walkChildren(e.getValue(), prefix + e.getKey() + ".", out);
        }
    }

    /** fan_in · Var(W) with fan_in = elements per output row (PyTorch's fan_in for linear and conv weights). */
    static double gain(Tensor w) {
        float[] d = w.data();
        int fanIn = d.length / w.dim(0);
        double sum = 0;
        double sq = 0;
        for (float v : d) {
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / d.length;
        return fanIn * Math.max(0, sq / d.length - mean * mean);
    }

    /** The n·Var(W) that keeps signal and gradient variance constant through this activation, or NaN if none does. */
    public static double criticalGain(String activation) {
        return switch (activation) {
            case "relu", "gelu", "silu", "mish" -> 2.0;
            case "leaky_relu", "elu" -> 2.0;
            case "tanh", "identity", "selu", "softsign", "hardtanh" -> 1.0;
            default -> Double.NaN;
        };
    }

    /** Number of weight layers followed by the given activation. */
    public long count(String activation) {
        return layers.stream().filter(l -> l.activation().equals(activation)).count();
    }

    public int depth() {
        return layers.size();
    }
}
