package dev.gradflow.diagnostics;

import dev.gradflow.tensor.Tensor;

/** Computes {@link ParameterStats} (before the update) from a parameter and its gradient. */
final class ParameterStatistics {
    private ParameterStatistics() {}

    static ParameterStats of(String name, Tensor parameter) {
        float[] w = parameter.data();
        double wSq = 0;
        for (float v : w) wSq += (double) v * v;
        float[] g = parameter.gradBufferOrNull();
        if (g == null) {
            return new ParameterStats(name, 0, 0, 0, 1, 0, Math.sqrt(wSq), Double.NaN, Double.NaN);
        }
        double gSq = 0;
        double max = 0;
        long zeros = 0;
        long nonFinite = 0;
        for (float v : g) {
            if (!Float.isFinite(v)) {
                nonFinite++;
                continue;
            }
            gSq += (double) v * v;
            max = Math.max(max, Math.abs(v));
            if (v == 0f) zeros++;
        }
        double l2 = nonFinite > 0 ? Double.NaN : Math.sqrt(gSq);
        return new ParameterStats(name, l2, l2 / Math.sqrt(Math.max(1, g.length)), max,
                (double) zeros / Math.max(1, g.length), nonFinite, Math.sqrt(wSq), Double.NaN, Double.NaN);
    }
}
