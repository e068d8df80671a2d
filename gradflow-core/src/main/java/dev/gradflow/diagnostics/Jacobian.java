package dev.gradflow.diagnostics;

import dev.gradflow.autograd.GradMode;
import dev.gradflow.nn.Module;
import dev.gradflow.tensor.Tensor;

/**
 * The input-output Jacobian J = ∂f(x)/∂x of a model at one example, computed exactly, one row per
 * vector-Jacobian product: row i = e_iᵀ·J is the gradient of output i with respect to the input. Costs one
 * forward and d_out backward passes; meant for networks up to a few hundred units wide.
 */
public final class Jacobian {
    private Jacobian() {}

    /**
     * J[i][j] = ∂f_i/∂x_j for the single example {@code x} (shape [1, …]); the model is run in its current mode
     * (set evaluation mode first if it has dropout).
     */
    public static double[][] at(Module model, Tensor x) {
        if (x.rank() < 1 || x.dim(0) != 1) throw new IllegalArgumentException("jacobian: needs one example of shape [1, …], got " + x.shape());
        if (!GradMode.isEnabled()) throw new IllegalStateException("jacobian: needs grad mode, but was called inside noGrad()");
        double[][] rows = null;
        int outSize = -1;
        for (int i = 0; outSize < 0 || i < outSize; i++) {
            Tensor input = x.copy().requiresGrad(true);
            Tensor out = model.forward(input);
            if (outSize < 0) {
                outSize = out.size();
                rows = new double[outSize][];
            }
            float[] seed = new float[outSize];
            seed[i] = 1f;
            out.backward(Tensor.of(seed, out.shape()));
            float[] g = input.grad().data();
            double[] row = new double[g.length];
            for (int j = 0; j < g.length; j++) row[j] = g[j];
            rows[i] = row;
            model.zeroGrad();
        }
        return rows;
    }
}
