package dev.gradflow.optim;

import dev.gradflow.tensor.Tensor;
import java.util.List;

/**
 * RAdam (Liu et al. 2020), Adam with a rectified adaptive step, as {@code torch.optim.RAdam}. For a parameter θ
 * with gradient g at its step t = 1, 2, … (γ lr, β₁ β₂ betas, ε eps, λ weight_decay):
 * <pre>
 *   θ ← θ·(1 − γλ)                  if λ ≠ 0, decoupled
 *   g ← g + λθ                      if λ ≠ 0, coupled
 *   m_t ← β₁·m_{t−1} + (1 − β₁)·g
 *   v_t ← β₂·v_{t−1} + (1 − β₂)·g²
 *   m̂_t ← m_t / (1 − β₁ᵗ)
 *   ρ_∞ ← 2/(1 − β₂) − 1
 *   ρ_t ← ρ_∞ − 2t·β₂ᵗ / (1 − β₂ᵗ)
 *   if ρ_t > 5:
 *       l_t ← √(1 − β₂ᵗ) / (√v_t + ε)
 *       r_t ← √( (ρ_t − 4)(ρ_t − 2)ρ_∞ / ((ρ_∞ − 4)(ρ_∞ − 2)ρ_t) )
 *       θ ← θ − γ·m̂_t·l_t·r_t
 *   else:
 *       θ ← θ − γ·m̂_t
 * </pre>
 * m₀ = v₀ = 0. With the default β₂ = 0.999, ρ_t exceeds 5 from t = 6 on. State per parameter: the step count,
 * {@code exp_avg} m and {@code exp_avg_sq} v.
 */
public final class RAdam extends SlottedOptimizer {
    private static final String NAME = "radam";
    private static final StateSlots.Buffer EXP_AVG = StateSlots.Buffer.perElement("exp_avg");
    private static final StateSlots.Buffer EXP_AVG_SQ = StateSlots.Buffer.perElement("exp_avg_sq");

    private final RAdamConfig config;

    public RAdam(List<Tensor> parameters, RAdamConfig config) {
        ConfigChecks.notNull(NAME, "config", config);
        super(NAME, parameters, config.learningRate(), List.of(EXP_AVG, EXP_AVG_SQ));
        this.config = config;
    }

    public RAdamConfig config() {
        return config;
    }

    @Override
    void stepParameter(float[] param, float[] grad, StateSlots.Slot s, int from, int to) {
        update(param, grad, s.buffer(EXP_AVG), s.buffer(EXP_AVG_SQ), s.step(), learningRate(), config.beta1(), config.beta2(),
                config.epsilon(), config.weightDecay(), config.weightDecayStyle(), from, to);
    }

    /** ρ_t, the length of the approximated simple moving average at step t (see the class comment). */
    public static double rho(long step, double beta2) {
        double rhoInfinity = 2 / (1 - beta2) - 1;
        return rhoInfinity - 2 * step * Math.pow(beta2, step) / (1 - Math.pow(beta2, step));
    }

    /**
     * One RAdam step on elements [from, to) of one parameter, in place (see the class comment for the formula). Modifies {@code param},
     * {@code expAvg} and {@code expAvgSq}; {@code grad} is only read.
     *
     * @param step t ≥ 1, the step being taken
     */
    public static void update(float[] param, float[] grad, float[] expAvg, float[] expAvgSq, long step,
                              double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
                              WeightDecayStyle weightDecayStyle, int from, int to) {
        boolean coupled = weightDecay != 0 && weightDecayStyle == WeightDecayStyle.COUPLED_L2;
        boolean decoupled = weightDecay != 0 && weightDecayStyle == WeightDecayStyle.DECOUPLED;
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        double rhoInfinity = 2 / (1 - beta2) - 1;
        double rhoT = rho(step, beta2);
        boolean rectified = rhoT > 5.0;
        float rectification = rectified
                ? (float) Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInfinity / ((rhoInfinity - 4) * (rhoInfinity - 2) * rhoT))
                : 0f;
        float correction1F = (float) correction1;
        float correction2Sqrt = (float) Math.sqrt(correction2);
        float lr = (float) learningRate;
        float lambda = (float) weightDecay;
        float shrink = (float) (1 - learningRate * weightDecay);
        float firstWeight = (float) (1 - beta1);
        float b2 = (float) beta2;
        float secondWeight = (float) (1 - beta2);
        float eps = (float) epsilon;
        for (int i = from; i < to; i++) {
            if (decoupled) param[i] = param[i] * shrink;
            float g = grad[i];
            if (coupled) g = g + lambda * param[i];
            float m = Moments.lerp(expAvg[i], g, firstWeight);
            float v = expAvgSq[i] * b2 + secondWeight * g * g;
            expAvg[i] = m;
            expAvgSq[i] = v;
            float correctedMean = m / correction1F;
            float update = correctedMean * lr;
            if (rectified) update = update * (correction2Sqrt / (Moments.sqrt(v) + eps)) * rectification;
            param[i] = param[i] - update;
        }
    }
}
