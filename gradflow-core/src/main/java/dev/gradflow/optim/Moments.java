package dev.gradflow.optim;

/** Float helpers shared by the moment-based update loops, rounding as PyTorch's CPU kernels do. */
final class Moments {
    private Moments() {}

    /**
     * torch.lerp(start, end, weight) = start + weight·(end − start), evaluated as PyTorch does for accuracy:
     * from {@code start} when weight < ½, from {@code end} otherwise. Adam's m ← β₁m + (1 − β₁)g is
     * {@code lerp(m, g, 1 − β₁)}.
     */
    static float lerp(float start, float end, float weight) {
        return Math.abs(weight) < 0.5f ? start + weight * (end - start) : end - (end - start) * (1f - weight);
    }

    /** √x rounded to float. */
    static float sqrt(float x) {
        return (float) Math.sqrt(x);
    }
}
