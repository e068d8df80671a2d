package dev.gradflow.optim;

import dev.gradflow.tensor.Tensor;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter 2019) as {@code torch.optim.AdamW}: {@link Adam} with decoupled weight decay,
 * θ ← θ·(1 − γλ) before the Adam update, and PyTorch's default λ = 1e-2. The formula is {@link Adam}'s with the
 * decoupled line; the state has the same buffers ({@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq}).
 */
public final class AdamW implements Optimizer {
    private final AdamWConfig config;
    private final Adam adam;

    public AdamW(List<Tensor> parameters, AdamWConfig config) {
        this.config = ConfigChecks.notNull("adamw", "config", config);
        this.adam = new Adam("adamw", parameters, config.asAdamConfig());
    }

    public AdamWConfig config() {
        return config;
    }

    @Override
    public void step() {
        adam.step();
    }

    @Override
    public void step(UpdateObserver observer) {
        adam.step(observer);
    }

    @Override
    public OptimizerState state() {
        return adam.state();
    }

    @Override
    public void loadState(OptimizerState state) {
        adam.loadState(state);
    }

    @Override
    public double learningRate() {
        return adam.learningRate();
    }

    @Override
    public void setLearningRate(double learningRate) {
        adam.setLearningRate(learningRate);
    }

    @Override
    public List<Tensor> parameters() {
        return adam.parameters();
    }

    @Override
    public String name() {
        return adam.name();
    }
}
