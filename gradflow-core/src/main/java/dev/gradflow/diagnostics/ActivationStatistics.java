package dev.gradflow.diagnostics;

import dev.gradflow.nn.Module;
import dev.gradflow.tensor.Tensor;

/** Computes {@link LayerStats} from one layer's output tensor and its retained gradient. */
final class ActivationStatistics {
    private ActivationStatistics() {}

    static LayerStats of(String name, Module layer, Tensor output, ProbeConfig config) {
        float[] y = output.data();
        int n = y.length;
        double sum = 0;
        double sumSq = 0;
        long saturated = 0;
        String kind = layer.kind();
        boolean sigmoid = kind.equals("sigmoid");
        boolean tanh = kind.equals("tanh");
        float low = (float) config.sigmoidLow();
        float high = (float) config.sigmoidHigh();
        float tanhLimit = (float) config.tanhSaturation();
        for (float v : y) {
            sum += v;
            sumSq += (double) v * v;
            if (sigmoid && (v < low || v > high)) saturated++;
            else if (tanh && Math.abs(v) > tanhLimit) saturated++;
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double var = n == 0 ? Double.NaN : Math.max(0, sumSq / n - mean * mean);
        double dead = kind.equals("relu") ? deadFraction(output) : 0.0;

        int batch = output.rank() == 0 ? 1 : output.dim(0);
        float[] g = output.gradBufferOrNull();
        double gradRms = Double.NaN;
        double gradMax = Double.NaN;
        if (g != null) {
            double s = 0;
            double m = 0;
            for (float v : g) {
                s += (double) v * v;
                m = Math.max(m, Math.abs(v));
            }
            // The loss is the batch mean; ×batch turns ∂mean/∂output into ∂(per-example sum)/∂output.
            gradRms = Math.sqrt(s / Math.max(1, g.length)) * batch;
            gradMax = m * batch;
        }
        return new LayerStats(name, kind, mean, Math.sqrt(var), n == 0 ? 0 : (double) saturated / n, dead, gradRms, gradMax);
    }

    /** Units (all positions after the batch axis) that are exactly zero for every example in the batch. */
    private static double deadFraction(Tensor output) {
        if (output.rank() < 2) return 0.0;
        int batch = output.dim(0);
        int units = output.size() / Math.max(1, batch);
        if (units == 0) return 0.0;
        float[] y = output.data();
        int dead = 0;
        for (int u = 0; u < units; u++) {
            boolean allZero = true;
            for (int b = 0; b < batch && allZero; b++) allZero = y[b * units + u] == 0f;
            if (allZero) dead++;
        }
        return (double) dead / units;
    }
}
