package dev.gradflow.optim;

import dev.gradflow.tensor.Tensor;
import java.util.List;

/**
 * Adadelta (Zeiler 2012) as {@code torch.optim.Adadelta}. For a parameter θ with gradient g (γ lr, ρ rho, ε eps,
 * λ weight_decay):
 * <pre>
 *   g ← g + λθ                                if λ ≠ 0
 *   v_t ← ρ·v_{t−1} + (1 − ρ)·g²
 *   Δx_t ← √(u_{t−1} + ε) / √(v_t + ε) · g
 *   u_t ← ρ·u_{t−1} + (1 − ρ)·Δx_t²
 *   θ ← θ − γ·Δx_t
 * </pre>
 * v₀ = u₀ = 0. State per parameter: the step count, {@code square_avg} v and {@code acc_delta} u.
 */
public final class Adadelta extends SlottedOptimizer {
    private static final String NAME = "adadelta";
    private static final StateSlots.Buffer SQUARE_AVG = StateSlots.Buffer.perElement("square_avg");
    private static final StateSlots.Buffer ACC_DELTA = StateSlots.Buffer.perElement("acc_delta");

    private final AdadeltaConfig config;

    public Adadelta(List<Tensor> parameters, AdadeltaConfig config) {
        ConfigChecks.notNull(NAME, "config", config);
        super(NAME, parameters, config.learningRate(), List.of(SQUARE_AVG, ACC_DELTA));
        this.config = config;
    }

    public AdadeltaConfig config() {
        return config;
    }

    @Override
    void stepParameter(float[] param, float[] grad, StateSlots.Slot s, int from, int to) {
        update(param, grad, s.buffer(SQUARE_AVG), s.buffer(ACC_DELTA), learningRate(), config.rho(), config.epsilon(),
                config.weightDecay(), from, to);
    }

    /**
     * One Adadelta step on elements [from, to) of one parameter, in place (see the class comment for the formula). Modifies
     * {@code param}, {@code squareAvg} and {@code accDelta}; {@code grad} is only read.
     */
    public static void update(float[] param, float[] grad, float[] squareAvg, float[] accDelta, double learningRate,
                              double rho, double epsilon, double weightDecay, int from, int to) {
        float lambda = (float) weightDecay;
        float r = (float) rho;
        float newWeight = (float) (1 - rho);
        float eps = (float) epsilon;
        float minusLr = (float) -learningRate;
        for (int i = from; i < to; i++) {
            float g = grad[i];
            if (weightDecay != 0) g = g + lambda * param[i];
            float v = squareAvg[i] * r + newWeight * g * g;
            squareAvg[i] = v;
            float std = Moments.sqrt(v + eps);
            float delta = Moments.sqrt(accDelta[i] + eps) / std * g;
            accDelta[i] = accDelta[i] * r + newWeight * delta * delta;
            param[i] = param[i] + minusLr * delta;
        }
    }
}
