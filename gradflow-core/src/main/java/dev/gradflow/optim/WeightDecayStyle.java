package dev.gradflow.optim;

/**
 * How an adaptive optimizer applies {@code weight_decay = λ}.
 *
 * <ul>
 *   <li>{@link #COUPLED_L2}: g ← g + λθ before the moments are updated (PyTorch's default for Adam, NAdam, RAdam;
 *       equal to adding an L2 penalty (λ/2)·Σθ² to the loss, then rescaled by the adaptive denominator);</li>
 *   <li>{@link #DECOUPLED}: θ ← θ·(1 − γλ) before the update, apart from the gradient (AdamW, and NAdam/RAdam with
 *       {@code decoupled_weight_decay=True}; Loshchilov and Hutter 2019).</li>
 * </ul>
 */
public enum WeightDecayStyle {
    COUPLED_L2,
    DECOUPLED
}
