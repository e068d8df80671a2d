package dev.gradflow.backend.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-wise softmax and log-softmax, stabilized by each row's max: softmax(x)_c = e^{x_c − max} / Σ e^{x_j − max},
 * log-softmax(x)_c = x_c − max − ln Σ e^{x_j − max}. The exponentials are float vector lanes (the scalar reference
 * uses double), written to memory and summed in double ({@link #sumInDouble}), as the reference sums in double, so
 * long rows lose nothing to float rounding in the sum; the two implementations agree to a few ulps.
 *
 * <p>Nothing is allocated per call: the sums read the stored exponentials back as plain floats (widening lanes to
 * {@code DoubleVector} boxed them, about 560 bytes per row), and log-softmax keeps its exponentials in a per-thread
 * scratch row, so {@code out} may be {@code x} itself.
 */
final class SimdSoftmax {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Each thread's row of exponentials for log-softmax, grown on demand. */
    /** Each thread's tail vector for {@link #storeExp}. */
    private static final ThreadLocal<float[]> PAD = ThreadLocal.withInitial(() -> new float[L]);
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    private SimdSoftmax() {}

    static void softmaxRows(float[] x, float[] out, int rows, int cols) {
        int bound = S.loopBound(cols);
        float[] pad = PAD.get();
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = rowMax(x, base, cols, bound);
            storeExp(x, base, max, out, base, cols, bound, pad);
            float inverse = (float) (1.0 / sumInDouble(out, base, cols));
            int c = 0;
            for (; c < bound; c += L) FloatVector.fromArray(S, out, base + c).mul(inverse).intoArray(out, base + c);
            for (; c < cols; c++) out[base + c] = out[base + c] * inverse;
        }
    }

    static void logSoftmaxRows(float[] x, float[] out, int rows, int cols) {
        int bound = S.loopBound(cols);
        float[] pad = PAD.get();
        float[][] holder = SCRATCH.get();
        if (holder[0].length < cols) holder[0] = new float[cols];
        float[] exps = holder[0];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = rowMax(x, base, cols, bound);
            storeExp(x, base, max, exps, 0, cols, bound, pad);
            float shift = (float) (max + Math.log(sumInDouble(exps, 0, cols)));
            int c = 0;
            for (; c < bound; c += L) FloatVector.fromArray(S, x, base + c).sub(shift).intoArray(out, base + c);
            for (; c < cols; c++) out[base + c] = x[base + c] - shift;
        }
    }

    /**
     * e^{x[base + c] − max} into {@code to[toBase + c]} for c &lt; cols ({@link LaneMath#exp}). The tail goes through
     * {@code pad} (L floats): copied there, padded with −∞ (e^−∞ = 0), exponentiated as a full vector and copied
     * out, so there is one call site of exp and no mask. With masks, or a second call site after the loop, C2 boxed
     * vectors or masks (48 to 560 bytes a row).
     */
    private static void storeExp(float[] x, int base, float max, float[] to, int toBase, int cols, int bound, float[] pad) {
        for (int c = 0; c < cols; c += L) {
            boolean full = c < bound;
            if (!full) {
                Arrays.fill(pad, Float.NEGATIVE_INFINITY);
                System.arraycopy(x, base + c, pad, 0, cols - c);
            }
            float[] source = full ? x : pad;
            float[] target = full ? to : pad;
            int at = full ? base + c : 0;
            int into = full ? toBase + c : 0;
            LaneMath.exp(FloatVector.fromArray(S, source, at).sub(max)).intoArray(target, into);
            if (!full) System.arraycopy(pad, 0, to, toBase + c, cols - c);
        }
    }

    /**
     * Σ_{c &lt; n} v[offset + c] in double: four running sums over c mod 4, added (s0 + s1) + (s2 + s3) at the end; a
     * fixed order, so the same bits every time.
     */
    static double sumInDouble(float[] v, int offset, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int c = 0;
        for (; c + 4 <= n; c += 4) {
            s0 += v[offset + c];
            s1 += v[offset + c + 1];
            s2 += v[offset + c + 2];
            s3 += v[offset + c + 3];
        }
        for (; c < n; c++) s0 += v[offset + c];
        return (s0 + s1) + (s2 + s3);
    }

    /** The row's max as Math.max folds it: NaN if any element is NaN, −∞ for an empty row. */
    private static float rowMax(float[] x, int base, int cols, int bound) {
        float max = Float.NEGATIVE_INFINITY;
        if (bound > 0) {
            FloatVector lanes = FloatVector.fromArray(S, x, base);
            for (int c = L; c < bound; c += L) lanes = lanes.max(FloatVector.fromArray(S, x, base + c));
            max = lanes.reduceLanes(VectorOperators.MAX);
        }
        // The tail in plain Java: masked vector ops made C2 box vectors or masks.
        for (int c = bound; c < cols; c++) max = Math.max(max, x[base + c]);
        return max;
    }
}
