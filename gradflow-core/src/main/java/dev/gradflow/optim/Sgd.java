package dev.gradflow.optim;

import dev.gradflow.tensor.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, as {@code torch.optim.SGD}. For a parameter θ with gradient
 * g at its step t = 1, 2, … (γ lr, μ momentum, τ dampening, λ weight_decay):
 * <pre>
 *   g ← g + λθ                        if λ ≠ 0
 *   if μ ≠ 0:
 *       b_t ← g                       if t = 1   (no dampening on the first step)
 *       b_t ← μ·b_{t−1} + (1 − τ)·g   if t > 1
 *       g ← g + μ·b_t                 if nesterov
 *       g ← b_t                       otherwise
 *   θ ← θ − γ·g
 * </pre>
 * State per parameter: the step count and, when μ ≠ 0, {@code momentum_buffer} b.
 */
public final class Sgd extends SlottedOptimizer {
    private static final String NAME = "sgd";
    private static final StateSlots.Buffer MOMENTUM_BUFFER = StateSlots.Buffer.perElement("momentum_buffer");

    private final SgdConfig config;

    public Sgd(List<Tensor> parameters, SgdConfig config) {
        ConfigChecks.notNull(NAME, "config", config);
        super(NAME, parameters, config.learningRate(), config.momentum() != 0 ? List.of(MOMENTUM_BUFFER) : List.of());
        this.config = config;
    }

    public SgdConfig config() {
        return config;
    }

    @Override
    void stepParameter(float[] param, float[] grad, StateSlots.Slot s, int from, int to) {
        update(param, grad, s.bufferOrNull(MOMENTUM_BUFFER), s.step(), learningRate(), config.momentum(), config.dampening(),
                config.weightDecay(), config.variant(), from, to);
    }

    /**
     * One SGD step on elements [from, to) of one parameter, in place (see the class comment for the formula). Modifies {@code param} and
     * {@code momentumBuffer}; {@code grad} is only read.
     *
     * @param momentumBuffer b, as long as {@code param}; null when μ = 0
     * @param step t ≥ 1, the step being taken (t = 1 copies g into b)
     */
    public static void update(float[] param, float[] grad, float[] momentumBuffer, long step, double learningRate,
                              double momentum, double dampening, double weightDecay, SgdConfig.MomentumVariant variant, int from, int to) {
        float lambda = (float) weightDecay;
        float mu = (float) momentum;
        float gradShare = (float) (1 - dampening);
        float minusLr = (float) -learningRate;
        boolean nesterov = variant == SgdConfig.MomentumVariant.NESTEROV;
        boolean first = step == 1;
        for (int i = from; i < to; i++) {
            float g = grad[i];
            if (weightDecay != 0) g = g + lambda * param[i];
            if (momentum != 0) {
                float b = first ? g : momentumBuffer[i] * mu + gradShare * g;
                momentumBuffer[i] = b;
                g = nesterov ? g + mu * b : b;
            }
            param[i] = param[i] + minusLr * g;
        }
    }
}
