package dev.gradflow.train;

/**
 * What gradient clipping found at one step: the global gradient L2 norm before clipping, and whether it scaled
 * the gradients. {@link #PENDING} stands for "not measured yet" (before the backward pass).
 */
public record ClippingResult(double preClipNorm, Action action) {
    /** Before the backward pass of a step: nothing measured. */
    public static final ClippingResult PENDING = new ClippingResult(Double.NaN, Action.UNCHANGED);

    public enum Action {
        UNCHANGED,
        SCALED
    }

    /** True when the gradients were scaled down. */
    public boolean fired() {
        return action == Action.SCALED;
    }
}
