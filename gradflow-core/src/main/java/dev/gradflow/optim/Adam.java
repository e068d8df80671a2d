package dev.gradflow.optim;

import dev.gradflow.backend.AdamCoefficients;
import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.UpdateSummary;
import dev.gradflow.tensor.Tensor;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) as {@code torch.optim.Adam}; with decoupled weight decay it is {@link AdamW}. For a
 * parameter θ with gradient g at its step t = 1, 2, … (γ lr, β₁ β₂ betas, ε eps, λ weight_decay):
 * <pre>
 *   θ ← θ·(1 − γλ)                  if λ ≠ 0, decoupled (AdamW)
 *   g ← g + λθ                      if λ ≠ 0, coupled (Adam)
 *   m_t ← β₁·m_{t−1} + (1 − β₁)·g
 *   v_t ← β₂·v_{t−1} + (1 − β₂)·g²
 *   m̂_t ← m_t / (1 − β₁ᵗ)
 *   v_max ← max(v_max, v_t);  v̂_t ← v_max / (1 − β₂ᵗ)     if amsgrad
 *   v̂_t ← v_t / (1 − β₂ᵗ)                                  otherwise
 *   θ ← θ − γ·m̂_t / (√v̂_t + ε)
 * </pre>
 * m₀ = v₀ = v_max = 0. As in PyTorch the last line is computed as θ − (γ/(1 − β₁ᵗ))·m_t / (√v_t/√(1 − β₂ᵗ) + ε).
 * State per parameter: the step count, {@code exp_avg} m, {@code exp_avg_sq} v and, with AMSGrad,
 * {@code max_exp_avg_sq} v_max.
 */
public final class Adam extends SlottedOptimizer {
    private static final StateSlots.Buffer EXP_AVG = StateSlots.Buffer.perElement("exp_avg");
    private static final StateSlots.Buffer EXP_AVG_SQ = StateSlots.Buffer.perElement("exp_avg_sq");
    private static final StateSlots.Buffer MAX_EXP_AVG_SQ = StateSlots.Buffer.perElement("max_exp_avg_sq");

    private final AdamConfig config;
    private AdamCoefficients cached;
    private long cachedStep;
    private double cachedLearningRate;

    public Adam(List<Tensor> parameters, AdamConfig config) {
        this("adam", parameters, config);
    }

    /** For {@link AdamW}: the same algorithm under another name. */
    Adam(String name, List<Tensor> parameters, AdamConfig config) {
        ConfigChecks.notNull(name, "config", config);
        super(name, parameters, config.learningRate(), config.variant() == AdamVariant.AMSGRAD
                ? List.of(EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ) : List.of(EXP_AVG, EXP_AVG_SQ));
        this.config = config;
    }

    public AdamConfig config() {
        return config;
    }

    /** One step on elements [from, to): the kernels' {@code adamUpdate} (by default {@code ScalarUpdates.adam}). */
    @Override
    void stepParameter(float[] param, float[] grad, StateSlots.Slot s, int from, int to) {
        KernelProvider.kernels().adamUpdate(coefficients(s.step()), param, grad, s.buffer(EXP_AVG), s.buffer(EXP_AVG_SQ),
                s.bufferOrNull(MAX_EXP_AVG_SQ), from, to);
    }

    /** The constants of step {@code step} at the current learning rate, kept while the ranges of a step come in. */
    private AdamCoefficients coefficients(long step) {
        double lr = learningRate();
        if (cached == null || cachedStep != step || cachedLearningRate != lr) {
            boolean coupled = config.weightDecayStyle() == WeightDecayStyle.COUPLED_L2;
            double decay = config.weightDecay();
            cached = AdamCoefficients.of(step, lr, config.beta1(), config.beta2(), config.epsilon(),
                    coupled ? decay : 0, coupled ? 0 : decay);
            cachedStep = step;
            cachedLearningRate = lr;
        }
        return cached;
    }

    /** The whole step on one parameter through the kernels' measuring Adam loop (a recorded step of a probe). */
    @Override
    UpdateSummary stepParameterMeasured(float[] param, float[] grad, StateSlots.Slot s) {
        AdamCoefficients c = coefficients(s.step());
        return KernelProvider.kernels().adamUpdateMeasured(c, param, grad, s.buffer(EXP_AVG), s.buffer(EXP_AVG_SQ),
                s.bufferOrNull(MAX_EXP_AVG_SQ), 0, param.length);
    }
}
