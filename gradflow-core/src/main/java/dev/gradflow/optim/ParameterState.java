package dev.gradflow.optim;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One parameter's optimizer state: the number of steps taken and named float buffers, each as long as the
 * parameter. Buffer names are PyTorch's: {@code momentum_buffer}, {@code exp_avg}, {@code exp_avg_sq},
 * {@code max_exp_avg_sq}, {@code square_avg}, {@code grad_avg}, {@code sum}, {@code acc_delta}, and
 * {@code mu_product} (NAdam's running product, a one-element buffer).
 *
 * <p>This record is an exchange format for checkpoints; optimizers keep their state in typed fields and only
 * convert on {@link Optimizer#state()} and {@link Optimizer#loadState}. The arrays are copied in and out, and
 * {@link #equals} compares them bit for bit.
 */
public record ParameterState(long step, Map<String, float[]> buffers) {
    private static final ParameterState NOT_STARTED = new ParameterState(0, Map.of());

    public ParameterState {
        if (step < 0) throw new IllegalArgumentException("parameter state: step count must be >= 0, got " + step);
        if (buffers == null) throw new IllegalArgumentException("parameter state: buffers must not be null (use an empty map)");
        Map<String, float[]> copy = new LinkedHashMap<>();
        buffers.forEach((name, values) -> copy.put(name, values.clone()));
        buffers = Collections.unmodifiableMap(copy);
    }

    /** The state of a parameter no step has touched yet. */
    public static ParameterState notStarted() {
        return NOT_STARTED;
    }

    /** True when no step has touched the parameter (no step count, no buffers). */
    public boolean isNotStarted() {
        return step == 0 && buffers.isEmpty();
    }

    /** The buffers, each a copy. */
    @Override
    public Map<String, float[]> buffers() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        buffers.forEach((name, values) -> copy.put(name, values.clone()));
        return copy;
    }

    /** True when a buffer of that name is present. */
    public boolean has(String name) {
        return buffers.containsKey(name);
    }

    /**
     * A copy of buffer {@code name}, checked to hold {@code length} values.
     *
     * @throws IllegalArgumentException when it is missing or has another length
     */
    public float[] buffer(String name, int length) {
        float[] values = buffers.get(name);
        if (values == null) {
            throw new IllegalArgumentException("parameter state has no buffer '" + name + "' (it has " + buffers.keySet() + ")");
        }
        if (values.length != length) {
            throw new IllegalArgumentException("parameter state buffer '" + name + "' has " + values.length
                    + " values but the parameter has " + length);
        }
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ParameterState that) || step != that.step || !buffers.keySet().equals(that.buffers.keySet())) {
            return false;
        }
        for (Map.Entry<String, float[]> e : buffers.entrySet()) {
            if (!Arrays.equals(e.getValue(), that.buffers.get(e.getKey()))) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(step);
        for (Map.Entry<String, float[]> e : buffers.entrySet()) h = 31 * h + e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ParameterState[step=").append(step);
        buffers.forEach((name, values) -> sb.append(", ").append(name).append('[').append(values.length).append(']'));
        return sb.append(']').toString();
    }
}
