package dev.gradflow.data;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A random multilayer perceptron used as a "teacher" that labels inputs: h₀ = x, h_l = tanh(W_l·h_{l−1} + b_l) for
 * the hidden layers, and the output f(x) = W_L·h_{L−1} + b_L (no activation). Weights W_l [out, in] and biases
 * b_l [out] are drawn from N(0, 1/in) (LeCun normal), which keeps the pre-activations of order 1 at any width.
 * Computed in double; this class does not use the engine's kernels, so the data do not depend on the SIMD backend.
 *
 * @param sizes   layer widths [inputs, hidden…, outputs]
 * @param weights one row-major [out·in] matrix per layer
 * @param biases  one [out] vector per layer
 */
public record TeacherNetwork(List<Integer> sizes, List<double[]> weights, List<double[]> biases) {
    public TeacherNetwork {
        sizes = List.copyOf(sizes);
        weights = List.copyOf(weights);
        biases = List.copyOf(biases);
        if (sizes.size() < 2 || weights.size() != sizes.size() - 1 || biases.size() != sizes.size() - 1) {
            throw new IllegalArgumentException("teacher network: " + sizes.size() + " sizes, " + weights.size()
                    + " weight matrices and " + biases.size() + " bias vectors do not form a network");
        }
        for (int l = 0; l + 1 < sizes.size(); l++) {
            if (weights.get(l).length != sizes.get(l) * sizes.get(l + 1) || biases.get(l).length != sizes.get(l + 1)) {
                throw new IllegalArgumentException("teacher network: layer " + l + " parameters do not match sizes " + sizes);
            }
        }
    }

    /**
     * Draws a network with the given layer widths. Draw order: for each layer, its weights row-major, then its biases,
     * each one {@code nextGaussian()} scaled by 1/√in.
     */
    public static TeacherNetwork random(List<Integer> sizes, RandomGenerator random) {
        for (int size : sizes) GeneratorChecks.requirePositive("teacher network", "layer width", size);
        List<double[]> weights = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.size(); l++) {
            int in = sizes.get(l);
            int out = sizes.get(l + 1);
            double scale = 1.0 / Math.sqrt(in);
            double[] w = new double[out * in];
            for (int i = 0; i < w.length; i++) w[i] = scale * random.nextGaussian();
            double[] b = new double[out];
            for (int i = 0; i < out; i++) b[i] = scale * random.nextGaussian();
            weights.add(w);
            biases.add(b);
        }
        return new TeacherNetwork(sizes, weights, biases);
    }

    public int inputs() {
        return sizes.getFirst();
    }

    public int outputs() {
        return sizes.getLast();
    }

    /** f(x) for each of the {@code rows} inputs in {@code x} [rows, inputs] row-major; returns [rows, outputs]. */
    public double[] forward(float[] x, int rows) {
        if (x.length != rows * inputs()) {
            throw new IllegalArgumentException("teacher network: " + x.length + " inputs for " + rows + " rows of " + inputs());
        }
        double[] output = new double[rows * outputs()];
        int layers = weights.size();
        for (int r = 0; r < rows; r++) {
            double[] h = new double[inputs()];
            for (int j = 0; j < h.length; j++) h[j] = x[r * inputs() + j];
            for (int l = 0; l < layers; l++) {
                int in = sizes.get(l);
                int out = sizes.get(l + 1);
                double[] w = weights.get(l);
                double[] next = biases.get(l).clone();
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < in; i++) next[o] += w[o * in + i] * h[i];
                    if (l + 1 < layers) next[o] = Math.tanh(next[o]);
                }
                h = next;
            }
            System.arraycopy(h, 0, output, r * outputs(), outputs());
        }
        return output;
    }
}
