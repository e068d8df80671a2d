package dev.gradflow.nn;

import dev.gradflow.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout: in training each element is zeroed with probability p and the survivors are scaled by
 * 1/(1 − p), so E[y] = x and evaluation needs no rescaling; in evaluation it is the identity.
 * Backward: ∂x = g ⊙ m/(1 − p) with the same mask m.
 *
 * <p>Masks come from a counter-based stream, so the layer's randomness is two numbers that a checkpoint can save
 * and restore ({@link #randomState()}, {@link #restoreRandomState}): the k-th mask drawn (k = 0, 1, …) keeps
 * element i when u_i ≥ p, where u_0, u_1, … are the {@code nextFloat()} draws of
 * {@code new SplittableRandom(mix64(mix64(seed) + k))} (mix64: the SplitMix64 finalizer). Mask k therefore
 * depends on the seed and k only, not on what else was drawn before.
 */
public final class Dropout implements Module {
    private final float p;
    private RandomGenerator seedSource;
    private long seed;
    private long masksDrawn;
    private Mode mode = Mode.TRAINING;

    /**
     * Where a dropout layer's mask stream stands: its seed and how many masks it has drawn, which is the index of
     * the next mask.
     */
    public record RandomState(long seed, long masksDrawn) {
        public RandomState {
            if (masksDrawn < 0) throw new IllegalArgumentException("dropout random state: masks drawn must be >= 0, got " + masksDrawn);
        }
    }

    /**
     * Dropout with drop probability {@code p} in [0, 1) whose mask stream is seeded by one {@code nextLong()} of
     * {@code random}. That draw happens at the first mask (or the first {@link #randomState()}), not here, so
     * building a model draws nothing for its dropout layers and the layers after them get the same initial
     * weights whether or not a dropout layer precedes them.
     */
    public Dropout(float p, RandomGenerator random) {
        this.p = checkedP(p);
        if (random == null) throw new IllegalArgumentException("dropout: the random generator must not be null");
        this.seedSource = random;
    }

    /** Dropout with drop probability {@code p} in [0, 1) whose mask stream starts at {@code seed}. */
    public Dropout(float p, long seed) {
        this.p = checkedP(p);
        this.seed = seed;
    }

    private static float checkedP(float p) {
        if (!(p >= 0f && p < 1f)) throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
        return p;
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
        SplittableRandom random = nextMaskStream();
        for (int i = 0; i < x.length; i++) {
            mask[i] = random.nextFloat() >= p ? scale : 0f;
            y[i] = x[i] * mask[i];
        }
        return Tensor.fromOp(input.shape(), y, "dropout", g -> {
            float[] gx = input.gradBuffer();
            for (int i = 0; i < g.length; i++) gx[i] += g[i] * mask[i];
        }, input);
    }

    private SplittableRandom nextMaskStream() {
        drawSeedIfPending();
        return new SplittableRandom(mix64(mix64(seed) + masksDrawn++));
    }

    private void drawSeedIfPending() {
        if (seedSource != null) {
            seed = seedSource.nextLong();
            seedSource = null;
        }
    }

    /** The seed and the number of masks drawn so far (drawing the seed first if it is still pending). */
    public RandomState randomState() {
        drawSeedIfPending();
        return new RandomState(seed, masksDrawn);
    }

    /** Continues the mask stream from a saved state: the next mask is mask {@code state.masksDrawn()} of its seed. */
    public void restoreRandomState(RandomState state) {
        if (state == null) throw new IllegalArgumentException("dropout: cannot restore a null random state");
        seedSource = null;
        seed = state.seed();
        masksDrawn = state.masksDrawn();
    }

    /** The SplitMix64 finalizer (Stafford's variant 13): a bijection on longs that scatters nearby inputs. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
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
