package dev.gradflow.diagnostics;

/**
 * What the probes record, how they classify activations, and how many records a probe keeps in memory.
 *
 * @param interval            record every {@code interval}-th step (1 = every step)
 * @param sigmoidLow          a sigmoid output below this counts as saturated (σ′ = y(1−y) &lt; 0.0099 there)
 * @param sigmoidHigh         a sigmoid output above this counts as saturated
 * @param tanhSaturation      a tanh output with |y| above this counts as saturated (tanh′ = 1 − y² &lt; 0.02)
 * @param historyCapacity     at most this many records (plus the latest, the first non-finite and the highest-loss
 *                            one) stay in {@link GradientFlowProbe#history()}; beyond it the history is an evenly
 *                            thinned sample of the run (see {@code ProbeHistory}); sinks still get every record
 */
public record ProbeConfig(int interval, double sigmoidLow, double sigmoidHigh, double tanhSaturation, int historyCapacity) {

    public ProbeConfig {
        if (interval < 1) throw new IllegalArgumentException("probe interval must be >= 1, got " + interval);
        if (!(sigmoidLow > 0 && sigmoidLow < sigmoidHigh && sigmoidHigh < 1)) {
            throw new IllegalArgumentException("need 0 < sigmoidLow < sigmoidHigh < 1, got " + sigmoidLow + ", " + sigmoidHigh);
        }
        if (!(tanhSaturation > 0 && tanhSaturation < 1)) {
            throw new IllegalArgumentException("tanhSaturation must be in (0, 1), got " + tanhSaturation);
        }
        if (historyCapacity < 2) throw new IllegalArgumentException("probe history capacity must be >= 2, got " + historyCapacity);
    }

    /**
     * Every step; sigmoid saturated outside [0.01, 0.99]; tanh saturated beyond |y| &gt; 0.99; a history of up to
     * 1024 records (all of a 1000-step run).
     */
    public static ProbeConfig defaults() {
        return new ProbeConfig(1, 0.01, 0.99, 0.99, 1024);
    }

    public ProbeConfig withInterval(int interval) {
        return new ProbeConfig(interval, sigmoidLow, sigmoidHigh, tanhSaturation, historyCapacity);
    }

    public ProbeConfig withHistoryCapacity(int historyCapacity) {
        return new ProbeConfig(interval, sigmoidLow, sigmoidHigh, tanhSaturation, historyCapacity);
    }
}
