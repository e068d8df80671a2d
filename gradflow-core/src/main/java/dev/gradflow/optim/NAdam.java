package dev.gradflow.optim;

import dev.gradflow.tensor.Tensor;
import java.util.List;

/**
 * NAdam (Dozat 2016), Adam with Nesterov momentum, as {@code torch.optim.NAdam}. For a parameter θ with gradient
 * g at its step t = 1, 2, … (γ lr, β₁ β₂ betas, ε eps, λ weight_decay, ψ momentum_decay):
 * <pre>
 *   θ ← θ·(1 − γλ)                  if λ ≠ 0, decoupled
 *   g ← g + λθ                      if λ ≠ 0, coupled
 *   μ_t ← β₁·(1 − ½·0.96^{tψ})
 *   μ_{t+1} ← β₁·(1 − ½·0.96^{(t+1)ψ})
 *   Π_t ← Π_{t−1}·μ_t               (Π₀ = 1; PyTorch's mu_product)
 *   m_t ← β₁·m_{t−1} + (1 − β₁)·g
 *   v_t ← β₂·v_{t−1} + (1 − β₂)·g²
 *   v̂_t ← v_t / (1 − β₂ᵗ)
 *   θ ← θ − γ·(1 − μ_t)/(1 − Π_t) · g/(√v̂_t + ε) − γ·μ_{t+1}/(1 − Π_t·μ_{t+1}) · m_t/(√v̂_t + ε)
 * </pre>
 * m₀ = v₀ = 0. Π is kept in float32 as PyTorch keeps it (a float32 0-dim tensor under the default dtype).
 * State per parameter: the step count, {@code exp_avg} m, {@code exp_avg_sq} v and {@code mu_product} Π (one value).
 */
public final class NAdam extends SlottedOptimizer {
    private static final String NAME = "nadam";
    private static final StateSlots.Buffer EXP_AVG = StateSlots.Buffer.perElement("exp_avg");
    private static final StateSlots.Buffer EXP_AVG_SQ = StateSlots.Buffer.perElement("exp_avg_sq");
    /** μ-product ∏ μ_i, a one-value buffer starting at 1. */
    private static final StateSlots.Buffer MU_PRODUCT = StateSlots.Buffer.scalar("mu_product", 1f);

    private final NAdamConfig config;

    public NAdam(List<Tensor> parameters, NAdamConfig config) {
        ConfigChecks.notNull(NAME, "config", config);
        super(NAME, parameters, config.learningRate(), List.of(EXP_AVG, EXP_AVG_SQ, MU_PRODUCT));
        this.config = config;
    }

    public NAdamConfig config() {
        return config;
    }

    @Override
    void stepParameter(float[] param, float[] grad, StateSlots.Slot s, int from, int to) {
        update(param, grad, s.buffer(EXP_AVG), s.buffer(EXP_AVG_SQ), s.buffer(MU_PRODUCT), s.step(), learningRate(),
                config.beta1(), config.beta2(), config.epsilon(), config.weightDecay(), config.momentumDecay(), config.weightDecayStyle(), from, to);
    }

    /**
     * One NAdam step on elements [from, to) of one parameter, in place (see the class comment for the formula). Modifies {@code param},
     * {@code expAvg}, {@code expAvgSq} and {@code muProduct}; {@code grad} is only read.
     *
     * @param muProduct Π_{t−1} on entry (one value), Π_t on return; advanced only when {@code from} is 0, so a step
     *                  taken in ranges reads Π_t in the later ones
     * @param step t ≥ 1, the step being taken
     */
    public static void update(float[] param, float[] grad, float[] expAvg, float[] expAvgSq, float[] muProduct,
                              long step, double learningRate, double beta1, double beta2, double epsilon,
                              double weightDecay, double momentumDecay, WeightDecayStyle weightDecayStyle, int from, int to) {
        boolean coupled = weightDecay != 0 && weightDecayStyle == WeightDecayStyle.COUPLED_L2;
        boolean decoupled = weightDecay != 0 && weightDecayStyle == WeightDecayStyle.DECOUPLED;
        double mu = beta1 * (1.0 - 0.5 * Math.pow(0.96, step * momentumDecay));
        double muNext = beta1 * (1.0 - 0.5 * Math.pow(0.96, (step + 1) * momentumDecay));
        // Π advances once per step: in the call whose range starts the parameter (an observed step comes in blocks).
        if (from == 0) muProduct[0] = muProduct[0] * (float) mu;
        double product = muProduct[0];
        double productNext = product * muNext;
        float gradCoefficient = (float) (-learningRate * (1.0 - mu) / (1.0 - product));
        float momentCoefficient = (float) (-learningRate * muNext / (1.0 - productNext));
        float lambda = (float) weightDecay;
        float shrink = (float) (1 - learningRate * weightDecay);
        float firstWeight = (float) (1 - beta1);
        float b2 = (float) beta2;
        float secondWeight = (float) (1 - beta2);
        float correction2 = (float) (1 - Math.pow(beta2, step));
        float eps = (float) epsilon;
        for (int i = from; i < to; i++) {
            if (decoupled) param[i] = param[i] * shrink;
            float g = grad[i];
            if (coupled) g = g + lambda * param[i];
            float m = Moments.lerp(expAvg[i], g, firstWeight);
            float v = expAvgSq[i] * b2 + secondWeight * g * g;
            expAvg[i] = m;
            expAvgSq[i] = v;
            float denominator = Moments.sqrt(v / correction2) + eps;
            float p = param[i] + gradCoefficient * g / denominator;
            param[i] = p + momentCoefficient * m / denominator;
        }
    }
}
