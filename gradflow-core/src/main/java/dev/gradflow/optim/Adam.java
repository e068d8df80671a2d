package dev.gradflow.optim;

import dev.gradflow.backend.AdamCoefficients;
import dev.gradflow.backend.KernelProvider;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
public final class Adam implements Optimizer {
    private static final String EXP_AVG = "exp_avg";
    private static final String EXP_AVG_SQ = "exp_avg_sq";
    private static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    private final AdamConfig config;
    private final ParameterGroup group;
    private final State[] states;

    private static final class State {
        long step;
        final float[] expAvg;
        final float[] expAvgSq;
        final float[] maxExpAvgSq;

        State(long step, float[] expAvg, float[] expAvgSq, float[] maxExpAvgSq) {
            this.step = step;
            this.expAvg = expAvg;
            this.expAvgSq = expAvgSq;
            this.maxExpAvgSq = maxExpAvgSq;
        }
    }

    public Adam(List<Tensor> parameters, AdamConfig config) {
        this("adam", parameters, config);
    }

    /** For {@link AdamW}: the same algorithm under another name. */
    Adam(String name, List<Tensor> parameters, AdamConfig config) {
        this.config = ConfigChecks.notNull(name, "config", config);
        this.group = new ParameterGroup(name, parameters, config.learningRate());
        this.states = new State[group.size()];
    }

    public AdamConfig config() {
        return config;
    }

    @Override
    public void step() {
        boolean amsgrad = config.variant() == AdamVariant.AMSGRAD;
        for (int i = 0; i < states.length; i++) {
            float[] grad = group.gradientOrNull(i);
            if (grad == null) continue;
            float[] param = group.parameters().get(i).data();
            int n = param.length;
            if (states[i] == null) states[i] = new State(0, new float[n], new float[n], amsgrad ? new float[n] : null);
            State s = states[i];
            s.step++;
            update(param, grad, s.expAvg, s.expAvgSq, s.maxExpAvgSq, s.step, group.learningRate(), config.beta1(),
                    config.beta2(), config.epsilon(), config.weightDecay(), config.weightDecayStyle());
        }
    }

    /**
     * One Adam step on one parameter, in place (see the class comment for the formula; the loop is the kernels'
     * {@code adamUpdate}, by default the plain-Java {@code ScalarUpdates.adam}). Modifies {@code param},
     * {@code expAvg}, {@code expAvgSq} and {@code maxExpAvgSq}; {@code grad} is only read.
     *
     * @param maxExpAvgSq v_max for AMSGrad, or null for plain Adam
     * @param step t ≥ 1, the step being taken
     */
    public static void update(float[] param, float[] grad, float[] expAvg, float[] expAvgSq, float[] maxExpAvgSq,
                              long step, double learningRate, double beta1, double beta2, double epsilon,
                              double weightDecay, WeightDecayStyle weightDecayStyle) {
        if (param.length != grad.length || param.length != expAvg.length || param.length != expAvgSq.length
                || (maxExpAvgSq != null && maxExpAvgSq.length != param.length)) {
            throw new IllegalArgumentException("adam update: parameter of " + param.length + " values with gradient of "
                    + grad.length + ", exp_avg of " + expAvg.length + ", exp_avg_sq of " + expAvgSq.length);
        }
        boolean coupled = weightDecayStyle == WeightDecayStyle.COUPLED_L2;
        AdamCoefficients c = AdamCoefficients.of(step, learningRate, beta1, beta2, epsilon,
                coupled ? weightDecay : 0, coupled ? 0 : weightDecay);
        KernelProvider.kernels().adamUpdate(c, param, grad, expAvg, expAvgSq, maxExpAvgSq, param.length);
    }

    @Override
    public OptimizerState state() {
        List<ParameterState> out = new ArrayList<>(states.length);
        for (State s : states) {
            if (s == null) {
                out.add(ParameterState.notStarted());
                continue;
            }
            Map<String, float[]> buffers = new LinkedHashMap<>();
            buffers.put(EXP_AVG, s.expAvg);
            buffers.put(EXP_AVG_SQ, s.expAvgSq);
            if (s.maxExpAvgSq != null) buffers.put(MAX_EXP_AVG_SQ, s.maxExpAvgSq);
            out.add(new ParameterState(s.step, buffers));
        }
        return group.snapshot(out);
    }

    @Override
    public void loadState(OptimizerState state) {
        group.adopt(state);
        boolean amsgrad = config.variant() == AdamVariant.AMSGRAD;
        for (int i = 0; i < states.length; i++) {
            ParameterState saved = state.parameter(i);
            if (saved.isNotStarted()) {
                states[i] = null;
                continue;
            }
            int n = group.parameters().get(i).size();
            states[i] = new State(group.savedStep(saved, i), saved.buffer(EXP_AVG, n), saved.buffer(EXP_AVG_SQ, n),
                    amsgrad ? saved.buffer(MAX_EXP_AVG_SQ, n) : null);
        }
    }

    @Override
    public double learningRate() {
        return group.learningRate();
    }

    @Override
    public void setLearningRate(double learningRate) {
        group.setLearningRate(learningRate);
    }

    @Override
    public List<Tensor> parameters() {
        return group.parameters();
    }

    @Override
    public String name() {
        return group.optimizer();
    }
}
