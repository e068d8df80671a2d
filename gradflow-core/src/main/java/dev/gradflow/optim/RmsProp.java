package dev.gradflow.optim;

import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * RMSprop (Hinton's lecture 6e; centered form from Graves 2013) as {@code torch.optim.RMSprop}. For a parameter θ
 * with gradient g (γ lr, α alpha, ε eps, λ weight_decay, μ momentum):
 * <pre>
 *   g ← g + λθ                          if λ ≠ 0
 *   v_t ← α·v_{t−1} + (1 − α)·g²
 *   ṽ_t ← v_t
 *   g_ave ← α·g_ave + (1 − α)·g;  ṽ_t ← v_t − g_ave²     if centered
 *   b_t ← μ·b_{t−1} + g / (√ṽ_t + ε);  θ ← θ − γ·b_t     if μ > 0
 *   θ ← θ − γ·g / (√ṽ_t + ε)                             otherwise
 * </pre>
 * v₀ = g_ave = b₀ = 0. State per parameter: the step count, {@code square_avg} v, {@code momentum_buffer} b
 * (when μ > 0) and {@code grad_avg} g_ave (when centered).
 */
public final class RmsProp extends SlottedOptimizer {
    private static final String NAME = "rmsprop";
    private static final StateSlots.Buffer SQUARE_AVG = StateSlots.Buffer.perElement("square_avg");
    private static final StateSlots.Buffer MOMENTUM_BUFFER = StateSlots.Buffer.perElement("momentum_buffer");
    private static final StateSlots.Buffer GRAD_AVG = StateSlots.Buffer.perElement("grad_avg");

    private final RmsPropConfig config;

    public RmsProp(List<Tensor> parameters, RmsPropConfig config) {
        ConfigChecks.notNull(NAME, "config", config);
        super(NAME, parameters, config.learningRate(), buffers(config));
        this.config = config;
    }

    public RmsPropConfig config() {
        return config;
    }

    /** v always; b when μ > 0; g_ave when centered. */
    private static List<StateSlots.Buffer> buffers(RmsPropConfig config) {
        List<StateSlots.Buffer> out = new ArrayList<>(List.of(SQUARE_AVG));
        if (config.momentum() > 0) out.add(MOMENTUM_BUFFER);
        if (config.centering() == RmsPropConfig.Centering.CENTERED) out.add(GRAD_AVG);
        return out;
    }

    @Override
    void stepParameter(float[] param, float[] grad, StateSlots.Slot s, int from, int to) {
        update(param, grad, s.buffer(SQUARE_AVG), s.bufferOrNull(MOMENTUM_BUFFER), s.bufferOrNull(GRAD_AVG), learningRate(),
                config.alpha(), config.epsilon(), config.weightDecay(), config.momentum(), from, to);
    }

    /**
     * One RMSprop step on elements [from, to) of one parameter, in place (see the class comment for the formula). Modifies {@code param}
     * and the buffers; {@code grad} is only read.
     *
     * @param momentumBuffer b, or null when μ = 0
     * @param gradAvg g_ave for the centered form, or null for the plain one
     */
    public static void update(float[] param, float[] grad, float[] squareAvg, float[] momentumBuffer, float[] gradAvg,
                              double learningRate, double alpha, double epsilon, double weightDecay, double momentum, int from, int to) {
        float lambda = (float) weightDecay;
        float a = (float) alpha;
        float newWeight = (float) (1 - alpha);
        float eps = (float) epsilon;
        float mu = (float) momentum;
        float minusLr = (float) -learningRate;
        for (int i = from; i < to; i++) {
            float g = grad[i];
            if (weightDecay != 0) g = g + lambda * param[i];
            float v = squareAvg[i] * a + newWeight * g * g;
            squareAvg[i] = v;
            if (gradAvg != null) {
                float mean = Moments.lerp(gradAvg[i], g, newWeight);
                gradAvg[i] = mean;
                v = v + -1f * mean * mean;
            }
            float denominator = Moments.sqrt(v) + eps;
            if (momentumBuffer != null) {
                float b = momentumBuffer[i] * mu + g / denominator;
                momentumBuffer[i] = b;
                param[i] = param[i] + minusLr * b;
            } else {
                param[i] = param[i] + minusLr * g / denominator;
            }
        }
    }
}
