package dev.gradflow.optim;

import dev.gradflow.tensor.Tensor;
import java.util.List;

/**
 * Adagrad (Duchi, Hazan and Singer 2011) as {@code torch.optim.Adagrad}. For a parameter θ with gradient g at its
 * step t = 1, 2, … (γ lr, η lr_decay, λ weight_decay, ε eps, s₀ initial_accumulator_value):
 * <pre>
 *   γ̃ ← γ / (1 + (t − 1)·η)
 *   g ← g + λθ                  if λ ≠ 0
 *   s_t ← s_{t−1} + g²
 *   θ ← θ − γ̃·g / (√s_t + ε)
 * </pre>
 * State per parameter: the step count and {@code sum} s, which starts at s₀ when the optimizer is created
 * (PyTorch allocates it eagerly; here it appears in {@link #state()} from the parameter's first step on).
 */
public final class Adagrad extends SlottedOptimizer {
    private static final String NAME = "adagrad";

    private final AdagradConfig config;
    /** s, starting at initial_accumulator_value. */
    private final StateSlots.Buffer sum;

    public Adagrad(List<Tensor> parameters, AdagradConfig config) {
        ConfigChecks.notNull(NAME, "config", config);
        StateSlots.Buffer sum = StateSlots.Buffer.perElement("sum", (float) config.initialAccumulatorValue());
        super(NAME, parameters, config.learningRate(), List.of(sum));
        this.config = config;
        this.sum = sum;
    }

    public AdagradConfig config() {
        return config;
    }

    @Override
    void stepParameter(float[] param, float[] grad, StateSlots.Slot s, int from, int to) {
        update(param, grad, s.buffer(sum), s.step(), learningRate(), config.learningRateDecay(), config.weightDecay(),
                config.epsilon(), from, to);
    }

    /**
     * One Adagrad step on elements [from, to) of one parameter, in place (see the class comment for the formula). Modifies {@code param}
     * and {@code sum}; {@code grad} is only read.
     *
     * @param step t ≥ 1, the step being taken
     */
    public static void update(float[] param, float[] grad, float[] sum, long step, double learningRate,
                              double learningRateDecay, double weightDecay, double epsilon, int from, int to) {
        float lambda = (float) weightDecay;
        float minusClr = (float) (-learningRate / (1 + (step - 1) * learningRateDecay));
        float eps = (float) epsilon;
        for (int i = from; i < to; i++) {
            float g = grad[i];
            if (weightDecay != 0) g = g + lambda * param[i];
            float s = sum[i] + g * g;
            sum[i] = s;
            param[i] = param[i] + minusClr * g / (Moments.sqrt(s) + eps);
        }
    }
}
