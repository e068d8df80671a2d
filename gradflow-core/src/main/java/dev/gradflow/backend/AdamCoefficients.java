package dev.gradflow.backend;

/**
 * The per-step constants of one Adam update (torch.optim.Adam / AdamW, PyTorch's CPU rounding), in float as the
 * update loop uses them. For step t with learning rate γ, betas β₁ β₂, ε and weight decay λ:
 * <pre>
 *   θ ← θ·shrink                                   shrink = 1 − γλ (decoupled, AdamW); skipped when it is 1
 *   g ← g + λ_c·θ                                   λ_c = λ (coupled, Adam); skipped when it is 0
 *   m ← lerp(m, g, 1 − β₁)                          torch.lerp: m + w·(g − m) if w &lt; ½, else g − (g − m)·(1 − w)
 *   v ← v·β₂ + ((1 − β₂)·g)·g
 *   v_max ← max(v_max, v), used instead of v        (AMSGrad only)
 *   θ ← θ + (stepScale·m) / (√v / √(1 − β₂ᵗ) + ε)   stepScale = −γ / (1 − β₁ᵗ)
 * </pre>
 * Every kernel applies exactly these float operations in this order, so all implementations agree bit for bit.
 *
 * @param shrink θ's decoupled decay factor, 1 for none
 * @param coupledDecay λ added to the gradient as λ·θ, 0 for none
 * @param firstWeight 1 − β₁, the lerp weight of m
 * @param beta2 β₂
 * @param secondWeight 1 − β₂
 * @param stepScale −γ / (1 − β₁ᵗ)
 * @param correction2Sqrt √(1 − β₂ᵗ)
 * @param epsilon ε
 */
public record AdamCoefficients(float shrink, float coupledDecay, float firstWeight, float beta2, float secondWeight,
                               float stepScale, float correction2Sqrt, float epsilon) {

    /**
     * The constants for step {@code step} ≥ 1, computed in double and rounded to float as PyTorch does.
     *
     * @param coupledWeightDecay λ for Adam's L2 form (g + λθ), else 0
     * @param decoupledWeightDecay λ for AdamW's form (θ·(1 − γλ)), else 0
     */
    public static AdamCoefficients of(long step, double learningRate, double beta1, double beta2, double epsilon,
                                      double coupledWeightDecay, double decoupledWeightDecay) {
        if (step < 1) throw new IllegalArgumentException("adam update: step must be >= 1, got " + step);
        return new AdamCoefficients(
                decoupledWeightDecay == 0 ? 1f : (float) (1 - learningRate * decoupledWeightDecay),
                (float) coupledWeightDecay,
                (float) (1 - beta1),
                (float) beta2,
                (float) (1 - beta2),
                (float) (-learningRate / (1 - Math.pow(beta1, step))),
                (float) Math.sqrt(1 - Math.pow(beta2, step)),
                (float) epsilon);
    }

    /** True when m's lerp is evaluated from its start (weight below ½), as torch.lerp chooses. */
    public boolean lerpFromStart() {
        return Math.abs(firstWeight) < 0.5f;
    }
}
