package dev.gradflow.check;

import dev.gradflow.autograd.GradMode;
import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Compares the analytic gradient of a function with central finite differences.
 *
 * <p>For f: inputs → output, a fixed random cotangent c turns the output into the scalar
 * L = Σ_j c_j·f(x)_j, so one check covers every output element. For each input element x_i:
 * <pre>  numeric ∂L/∂x_i = (L(x_i + ε) − L(x_i − ε)) / 2ε</pre>
 * with L accumulated in double. The function itself runs in float32, so the truncation error O(ε²) and the
 * float rounding of L (≈ 6·10⁻⁸·|L|/ε) bound how close the two can be; ε = 1e-3 with a tolerance of
 * |a − n| ≤ atol + rtol·|n| at atol = rtol = 1e-2 catches wrong rules without flagging rounding. Inputs must
 * stay ε away from kinks (ReLU at 0, clamp bounds).
 */
public final class GradientCheck {
    private GradientCheck() {}

    /** The worst disagreement found. */
    public record Result(double maxAbsError, String worstPlace, double analytic, double numeric, boolean passed) {
        @Override
        public String toString() {
            return (passed ? "passed" : "FAILED") + ": max |analytic − numeric| = " + maxAbsError + " at " + worstPlace
                    + " (analytic " + analytic + ", numeric " + numeric + ")";
        }
    }

    /** Checks every input that requires grad, with ε = 1e-3 and atol = rtol = 1e-2. */
    public static Result check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, RandomGenerator random) {
        return check(f, inputs, random, 1e-3, 1e-2, 1e-2);
    }

    public static Result check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, RandomGenerator random,
                               double epsilon, double atol, double rtol) {
        for (Tensor t : inputs) t.zeroGrad();
        Tensor out = f.apply(inputs);
        float[] cot = new float[out.size()];
        for (int i = 0; i < cot.length; i++) cot[i] = (float) (random.nextDouble() * 2 - 1);
        if (!out.requiresGrad()) {
            throw new IllegalArgumentException("gradient check: the function's output does not depend on any input that requires grad");
        }
        out.backward(Tensor.of(cot, out.shape()));

        double worst = -1;
        String place = "nowhere";
        double worstA = 0;
        double worstN = 0;
        boolean passed = true;
        for (int t = 0; t < inputs.size(); t++) {
            Tensor x = inputs.get(t);
            if (!x.requiresGrad()) continue;
            float[] data = x.data();
            float[] grad = x.gradBufferOrNull();
            for (int i = 0; i < data.length; i++) {
                float saved = data[i];
                data[i] = (float) (saved + epsilon);
                double up = weighted(f, inputs, cot);
                data[i] = (float) (saved - epsilon);
                double down = weighted(f, inputs, cot);
                data[i] = saved;
                // The perturbation actually applied after rounding to float.
                double h = ((double) (float) (saved + epsilon) - (double) (float) (saved - epsilon));
                double numeric = (up - down) / h;
                double analytic = grad == null ? 0.0 : grad[i];
                double err = Math.abs(analytic - numeric);
                if (err > atol + rtol * Math.abs(numeric)) passed = false;
                if (err > worst) {
                    worst = err;
                    place = "input " + t + " element " + i;
                    worstA = analytic;
                    worstN = numeric;
                }
            }
        }
        return new Result(worst, place, worstA, worstN, passed);
    }

    private static double weighted(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, float[] cot) {
        try (var _ = GradMode.noGrad()) {
            float[] y = f.apply(inputs).data();
            double s = 0;
            for (int i = 0; i < y.length; i++) s += (double) y[i] * cot[i];
            return s;
        }
    }
}
