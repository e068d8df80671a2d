package dev.gradflow.init;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Orthogonal initialization (Saxe et al. 2014), as torch.nn.init.orthogonal_: the weight, viewed as a
 * rows×cols matrix (rows = dim 0, cols = the product of the others), is gain·Q, where Q comes from the QR
 * decomposition of a matrix of N(0, 1) samples (transposed first when rows &lt; cols) with the sign of each
 * column fixed by the sign of R's diagonal, which makes Q uniformly (Haar) distributed. So WᵀW = gain²·I when
 * rows ≥ cols and WWᵀ = gain²·I otherwise, and E[W²] = gain²/max(rows, cols). Default gain 1.
 *
 * <p>The QR runs in double ({@link HouseholderQr}). The weight's own shape sets the matrix; {@code fanShape} is
 * not used.
 */
public record Orthogonal(double gain) implements Initializer {
    public static final double DEFAULT_GAIN = 1.0;

    public Orthogonal {
        if (!Double.isFinite(gain)) throw new IllegalArgumentException("orthogonal: gain must be finite, got " + gain);
    }

    /** Gain 1. */
    public Orthogonal() {
        this(DEFAULT_GAIN);
    }

    @Override
    public void fillInPlace(Tensor tensor, Shape fanShape, RandomGenerator random) {
        Shape shape = tensor.shape();
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("orthogonal: needs a tensor of at least 2 dimensions, got shape " + shape);
        }
        if (tensor.size() == 0) return;
        int rows = shape.dim(0);
        int cols = tensor.size() / rows;
        double[] samples = new double[rows * cols];
        for (int i = 0; i < samples.length; i++) samples[i] = random.nextGaussian();
        float[] w = tensor.data();
        if (rows >= cols) {
            double[] q = HouseholderQr.orthonormalColumns(samples, rows, cols);
            for (int i = 0; i < w.length; i++) w[i] = (float) (gain * q[i]);
        } else {
            double[] transposed = new double[samples.length];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) transposed[j * rows + i] = samples[i * cols + j];
            }
            double[] q = HouseholderQr.orthonormalColumns(transposed, cols, rows);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) w[i * cols + j] = (float) (gain * q[j * rows + i]);
            }
        }
    }

    @Override
    public String name() {
        return "orthogonal";
    }
}
