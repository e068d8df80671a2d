package dev.gradflow.train;

import dev.gradflow.optim.Optimizer;
import dev.gradflow.tensor.Tensor;
import java.util.List;

/** Test-only optimizer: p ← p − lr·∂p, no state. Keeps the loop's tests independent of the optim package. */
final class PlainGradientDescent implements Optimizer {
    private final List<Tensor> parameters;
    private double learningRate;

    PlainGradientDescent(List<Tensor> parameters, double learningRate) {
        this.parameters = List.copyOf(parameters);
        this.learningRate = learningRate;
    }

    @Override
    public void step() {
        float lr = (float) learningRate;
        for (Tensor p : parameters) {
            float[] g = p.gradBufferOrNull();
            if (g == null) continue;
            float[] w = p.data();
            for (int i = 0; i < w.length; i++) w[i] -= lr * g[i];
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public List<Tensor> parameters() {
        return parameters;
    }

    @Override
    public String name() {
        return "test_gd";
    }
}
