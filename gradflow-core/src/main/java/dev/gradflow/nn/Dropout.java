package dev.gradflow.nn;

import dev.gradflow.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout: in training each element is zeroed with probability p and the survivors are scaled by
 * 1/(1 − p), so E[y] = x and evaluation needs no rescaling; in evaluation it is the identity.
 * Backward: ∂x = g ⊙ m/(1 − p) with the same mask m.
 */
public final class Dropout implements Module {
    private final float p;
    private final RandomGenerator random;
    private Mode mode = Mode.TRAINING;

    /** Dropout with drop probability {@code p} in [0, 1), masks drawn from {@code random}. */
    public Dropout(float p, RandomGenerator random) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
        this.p = p;
        this.random = random;
    }

    public float p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (mode == Mode.EVALUATION || p == 0f) return input;
        float scale = 1f / (1f - p);
        float[] x = input.data();
        float[] mask = new float[x.length];
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            mask[i] = random.nextFloat() >= p ? scale : 0f;
            y[i] = x[i] * mask[i];
        }
        return Tensor.fromOp(input.shape(), y, "dropout", g -> {
            float[] gx = input.gradBuffer();
            for (int i = 0; i < g.length; i++) gx[i] += g[i] * mask[i];
        }, input);
    }

    @Override
    public String kind() {
        return "dropout";
    }

    @Override
    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public Mode mode() {
        return mode;
    }
}
