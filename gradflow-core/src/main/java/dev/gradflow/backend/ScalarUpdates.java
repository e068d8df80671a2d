package dev.gradflow.backend;

/**
 * Optimizer update loops in plain Java, written so that C2 vectorizes them (no calls, loop-invariant branches).
 */
public final class ScalarUpdates {
    private ScalarUpdates() {}

    /**
     * One Adam step on elements [from, to) of a parameter, in place, exactly as {@link AdamCoefficients} states.
     * Modifies {@code param}, {@code expAvg}, {@code expAvgSq} and {@code maxExpAvgSq}; {@code grad} is only read.
     *
     * @param maxExpAvgSq v_max for AMSGrad, or null for plain Adam
     */
    public static void adam(AdamCoefficients c, float[] param, float[] grad, float[] expAvg, float[] expAvgSq,
                            float[] maxExpAvgSq, int from, int to) {
        boolean decoupled = c.shrink() != 1f;
        boolean coupled = c.coupledDecay() != 0f;
        boolean fromStart = c.lerpFromStart();
        float firstWeight = c.firstWeight();
        float complement = 1f - firstWeight;
        for (int i = from; i < to; i++) {
            float p = param[i];
            if (decoupled) p = p * c.shrink();
            float g = grad[i];
            if (coupled) g = g + c.coupledDecay() * p;
            float start = expAvg[i];
            float m = fromStart ? start + firstWeight * (g - start) : g - (g - start) * complement;
            float v = expAvgSq[i] * c.beta2() + c.secondWeight() * g * g;
            expAvg[i] = m;
            expAvgSq[i] = v;
            if (maxExpAvgSq != null) {
                v = Math.max(maxExpAvgSq[i], v);
                maxExpAvgSq[i] = v;
            }
            float denominator = (float) Math.sqrt(v) / c.correction2Sqrt() + c.epsilon();
            param[i] = p + c.stepScale() * m / denominator;
        }
    }
}
