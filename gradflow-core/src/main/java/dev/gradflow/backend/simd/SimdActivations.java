package dev.gradflow.backend.simd;

import dev.gradflow.backend.PointwiseFunction;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorized forward and backward passes of the common activations (identity, ReLU, leaky ReLU, sigmoid, tanh).
 * Every other {@link PointwiseFunction} runs the scalar reference loop.
 *
 * <p>Backward passes compute gradX += f′ · gradY with the very float operations of the scalar records (a multiply,
 * then an add, the product rounded before the sum), so they agree with {@code ScalarKernels} bit for bit. Forward
 * passes agree bit for bit for the piecewise-linear functions; sigmoid and tanh are computed in float from the
 * vectorized e^x (the scalar records use double) and agree to a few ulps. Each loop is written out in full rather
 * than through a helper taking vectors: see {@link SimdKernels} on why.
 */
final class SimdActivations {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Below this |x|, tanh uses its odd polynomial (Cephes tanhf), which avoids the cancellation in 1 − 2/(e^{2x} + 1). */
    private static final float TANH_POLYNOMIAL_LIMIT = 0.625f;

    private SimdActivations() {}

    /** y[i] = f(x[i]); false if f has no vectorized form (the caller then runs the scalar loop). */
    static boolean forward(PointwiseFunction f, float[] x, float[] y, int n) {
        // One small method per function: C2 compiles each on its own, well within the inlining budget that keeps
        // vectors in registers (one large method with every case measurably was not).
        switch (f) {
            case PointwiseFunction.Identity ignored -> System.arraycopy(x, 0, y, 0, n);
            case PointwiseFunction.Relu relu -> reluForward(relu, x, y, n);
            case PointwiseFunction.LeakyRelu leaky -> leakyReluForward(leaky, x, y, n);
            case PointwiseFunction.Sigmoid ignored -> sigmoidForward(x, y, n);
            case PointwiseFunction.Tanh ignored -> tanhForward(x, y, n);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** gradX[i] += f′(x[i], y[i])·gradY[i]; false if f has no vectorized form. */
    static boolean backward(PointwiseFunction f, float[] x, float[] y, float[] gradY, float[] gradX, int n) {
        switch (f) {
            case PointwiseFunction.Identity ignored -> identityBackward(gradY, gradX, n);
            case PointwiseFunction.Relu relu -> reluBackward(relu, x, gradY, gradX, n);
            case PointwiseFunction.LeakyRelu leaky -> leakyReluBackward(leaky, x, gradY, gradX, n);
            case PointwiseFunction.Sigmoid sigmoid -> sigmoidBackward(sigmoid, x, y, gradY, gradX, n);
            case PointwiseFunction.Tanh tanh -> tanhBackward(tanh, x, y, gradY, gradX, n);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void reluForward(PointwiseFunction.Relu f, float[] x, float[] y, int n) {
        int i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (int bound = S.loopBound(n); i < bound; i += L) {
            // max(0, x) with the scalar record's convention that NaN maps to 0 (x > 0 is false).
            FloatVector v = FloatVector.fromArray(S, x, i);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, i);
        }
        for (; i < n; i++) y[i] = f.apply(x[i]);
    }

    private static void leakyReluForward(PointwiseFunction.LeakyRelu f, float[] x, float[] y, int n) {
        float slope = f.slope();
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, i);
        }
        for (; i < n; i++) y[i] = f.apply(x[i]);
    }

    private static void sigmoidForward(float[] x, float[] y, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) sigmoid(FloatVector.fromArray(S, x, i)).intoArray(y, i);
        if (i < n) {
            VectorMask<Float> tail = S.indexInRange(i, n);
            sigmoid(FloatVector.fromArray(S, x, i, tail)).intoArray(y, i, tail);
        }
    }

    private static void tanhForward(float[] x, float[] y, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) tanh(FloatVector.fromArray(S, x, i)).intoArray(y, i);
        if (i < n) {
            VectorMask<Float> tail = S.indexInRange(i, n);
            tanh(FloatVector.fromArray(S, x, i, tail)).intoArray(y, i, tail);
        }
    }

    private static void identityBackward(float[] gradY, float[] gradX, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, gradX, i).add(FloatVector.fromArray(S, gradY, i)).intoArray(gradX, i);
        }
        for (; i < n; i++) gradX[i] += gradY[i];
    }

    private static void reluBackward(PointwiseFunction.Relu f, float[] x, float[] gradY, float[] gradX, int n) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector slope = zero.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f));
            FloatVector.fromArray(S, gradX, i).add(slope.mul(FloatVector.fromArray(S, gradY, i))).intoArray(gradX, i);
        }
        for (; i < n; i++) gradX[i] += f.derivative(x[i], 0f) * gradY[i];
    }

    private static void leakyReluBackward(PointwiseFunction.LeakyRelu f, float[] x, float[] gradY, float[] gradX, int n) {
        FloatVector negative = FloatVector.broadcast(S, f.slope());
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector slope = negative.blend(one, FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f));
            FloatVector.fromArray(S, gradX, i).add(slope.mul(FloatVector.fromArray(S, gradY, i))).intoArray(gradX, i);
        }
        for (; i < n; i++) gradX[i] += f.derivative(x[i], 0f) * gradY[i];
    }

    private static void sigmoidBackward(PointwiseFunction.Sigmoid f, float[] x, float[] y, float[] gradY, float[] gradX, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector out = FloatVector.fromArray(S, y, i);
            FloatVector derivative = out.mul(out.neg().add(1f));
            FloatVector.fromArray(S, gradX, i).add(derivative.mul(FloatVector.fromArray(S, gradY, i))).intoArray(gradX, i);
        }
        for (; i < n; i++) gradX[i] += f.derivative(x[i], y[i]) * gradY[i];
    }

    private static void tanhBackward(PointwiseFunction.Tanh f, float[] x, float[] y, float[] gradY, float[] gradX, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector out = FloatVector.fromArray(S, y, i);
            FloatVector derivative = out.mul(out).neg().add(1f);
            FloatVector.fromArray(S, gradX, i).add(derivative.mul(FloatVector.fromArray(S, gradY, i))).intoArray(gradX, i);
        }
        for (; i < n; i++) gradX[i] += f.derivative(x[i], y[i]) * gradY[i];
    }

    /** σ(x) = 1/(1 + e⁻ˣ); e⁻ˣ overflows to ∞ for x &lt; −88, giving 0 as it should. */
    static FloatVector sigmoid(FloatVector v) {
        return FloatVector.broadcast(S, 1f).div(LaneMath.exp(v.neg()).add(1f));
    }

    /**
     * tanh x: for |x| &lt; 0.625 the odd polynomial x + x³·P(x²) (Cephes tanhf's minimax coefficients), else
     * sign(x)·(1 − 2/(e^{2|x|} + 1)), which saturates to ±1 when e^{2|x|} overflows.
     */
    static FloatVector tanh(FloatVector v) {
        FloatVector abs = v.abs();
        FloatVector large = FloatVector.broadcast(S, 1f)
                .sub(FloatVector.broadcast(S, 2f).div(LaneMath.exp(abs.mul(2f)).add(1f)));
        large = large.blend(large.neg(), v.compare(VectorOperators.LT, 0f));
        FloatVector s = v.mul(v);
        FloatVector poly = s.mul(-5.70498872745e-3f).add(2.06390887954e-2f)
                .mul(s).sub(5.37397155531e-2f)
                .mul(s).add(1.33314422036e-1f)
                .mul(s).sub(3.33332819422e-1f);
        FloatVector small = poly.mul(s).mul(v).add(v);
        return large.blend(small, abs.compare(VectorOperators.LT, TANH_POLYNOMIAL_LIMIT));
    }
}
