package dev.gradflow.nn.loss;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;

/**
 * One fused op for losses of the form L = reduce_i ℓ(x_i, y_i) over a prediction x and a target y of the same
 * shape: the forward pass evaluates every term, the backward pass gives ∂x_i = u_i·∂ℓ/∂x and ∂y_i = u_i·∂ℓ/∂y
 * with u_i = {@link Reduction#upstream}. The target may require a gradient (as in PyTorch).
 */
final class ElementwiseLoss {
    private ElementwiseLoss() {}

    /** One term ℓ(x, y) of a loss and its two partial derivatives, each defined beside the other. */
    interface Term {
        double value(float x, float y);

        /** ∂ℓ/∂x. */
        double gradPrediction(float x, float y);

        /** ∂ℓ/∂y. */
        double gradTarget(float x, float y);
    }

    /** The reduced loss; shapes must be equal (PyTorch may broadcast some losses with a warning; we refuse). */
    static Tensor apply(String lossName, Term term, Reduction reduction, Tensor prediction, Tensor target) {
        requireSameShape(lossName, prediction.shape(), target.shape());
        float[] x = prediction.data();
        float[] y = target.data();
        int n = x.length;
        float[] output;
        if (reduction == Reduction.NONE) {
            double[] terms = new double[n];
            for (int i = 0; i < n; i++) terms[i] = term.value(x[i], y[i]);
            output = reduction.reduce(terms);
        } else {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += term.value(x[i], y[i]);
            output = reduction.reduceSum(sum, n);
        }
        Shape shape = reduction.outputShape(prediction.shape());
        return Tensor.fromOp(shape, output, lossName + "_loss", g -> {
            if (prediction.requiresGrad()) {
                float[] gx = prediction.gradBuffer();
                for (int i = 0; i < n; i++) gx[i] += (float) (reduction.upstream(g, i, n) * term.gradPrediction(x[i], y[i]));
            }
            if (target.requiresGrad()) {
                float[] gy = target.gradBuffer();
                for (int i = 0; i < n; i++) gy[i] += (float) (reduction.upstream(g, i, n) * term.gradTarget(x[i], y[i]));
            }
        }, prediction, target);
    }

    static void requireSameShape(String lossName, Shape prediction, Shape target) {
        if (!prediction.equals(target)) {
            throw new IllegalArgumentException(lossName + " loss: prediction shape " + prediction + " and target shape " + target
                    + " differ (targets are not broadcast; reshape the target to " + prediction + ")");
        }
    }
}
