package dev.gradflow.backend.simd;

import dev.gradflow.backend.AdamCoefficients;
import dev.gradflow.backend.ScalarUpdates;
import dev.gradflow.backend.UpdateSummary;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Adam update that also measures itself, for the gradient-flow probe's recorded steps: one vector pass that
 * writes θ, m, v (and v_max) exactly as {@link ScalarUpdates#adam} does — the same float operations in the same
 * order, √ correctly rounded in both, so the bits are identical — while it accumulates Σ θ_before² and
 * Σ (θ_after − θ_before)² in float lanes (two fused multiply-adds per vector: free in this pass, which is bound by
 * memory; widening to double lanes made it 1.3–1.9× slower, measured). Measuring afterwards instead would copy the
 * weights and read them again.
 *
 * <p>Float sums, over chunks of {@value #CHUNK} elements added up in double: each lane adds at most CHUNK/L
 * squares, so the relative error is below (CHUNK/L + L)·2⁻²⁴ (1.6e-5 with 16 lanes), ample for a norm. Squares of
 * values beyond ~1.8e19 overflow to ∞ and those below ~1e-19 underflow: a weight or update norm past 1e19 reads ∞,
 * and one made only of elements below 1e-19 reads 0 (or too small) — far outside what training produces before it
 * has diverged or stalled. (Gradients, which do vanish to such sizes, are summed in double by the statistics kernels.)
 *
 * <p>Only recorded steps come here; plain steps keep the plain-Java loop, which C2 vectorizes as well (a vector
 * twin of the plain update measured no faster).
 */
final class SimdUpdates {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private SimdUpdates() {}

    /**
     * Elements per call of {@link #adamChunk}. Calls of a few thousand elements make the loop hot by invocation, so C2
     * compiles it as a method: run as one call over a whole weight matrix, it was compiled on-stack-replacement
     * first and then ran 3× slower for the rest of the process whenever plain Adam steps had run before (measured).
     */
    private static final int CHUNK = 4096;

    /** Adam (see {@link AdamCoefficients}) on elements [from, to), returning Σ before² and Σ (after − before)². */
    static UpdateSummary adamMeasured(AdamCoefficients c, float[] param, float[] grad, float[] expAvg, float[] expAvgSq,
                                      float[] maxExpAvgSq, int from, int to) {
        double[] sums = new double[2];
        for (int start = from; start < to; start += CHUNK) {
            adamChunk(c, param, grad, expAvg, expAvgSq, maxExpAvgSq, start, Math.min(to, start + CHUNK), sums);
        }
        return new UpdateSummary(sums[0], sums[1]);
    }

    /** Adam on [from, to), adding Σ before² to {@code sums[0]} and Σ (after − before)² to {@code sums[1]}. */
    private static void adamChunk(AdamCoefficients c, float[] param, float[] grad, float[] expAvg, float[] expAvgSq,
                                  float[] maxExpAvgSq, int from, int to, double[] sums) {
        float shrink = c.shrink();
        float coupledDecay = c.coupledDecay();
        boolean decoupled = shrink != 1f;
        boolean coupled = coupledDecay != 0f;
        boolean fromStart = c.lerpFromStart();
        float firstWeight = c.firstWeight();
        float complement = 1f - firstWeight;
        float beta2 = c.beta2();
        float secondWeight = c.secondWeight();
        float stepScale = c.stepScale();
        float correction2Sqrt = c.correction2Sqrt();
        float epsilon = c.epsilon();
        FloatVector beforeLanes = FloatVector.zero(S);
        FloatVector differenceLanes = FloatVector.zero(S);
        int i = from;
        for (int bound = to - L; i <= bound; i += L) {
            FloatVector before = FloatVector.fromArray(S, param, i);
            FloatVector p = decoupled ? before.mul(shrink) : before;
            FloatVector g = FloatVector.fromArray(S, grad, i);
            if (coupled) g = g.add(p.mul(coupledDecay));
            FloatVector start = FloatVector.fromArray(S, expAvg, i);
            FloatVector m = fromStart ? start.add(g.sub(start).mul(firstWeight)) : g.sub(g.sub(start).mul(complement));
            FloatVector v = FloatVector.fromArray(S, expAvgSq, i).mul(beta2).add(g.mul(secondWeight).mul(g));
            m.intoArray(expAvg, i);
            v.intoArray(expAvgSq, i);
            if (maxExpAvgSq != null) {
                v = FloatVector.fromArray(S, maxExpAvgSq, i).max(v);
                v.intoArray(maxExpAvgSq, i);
            }
            FloatVector denominator = v.lanewise(VectorOperators.SQRT).div(correction2Sqrt).add(epsilon);
            FloatVector after = p.add(m.mul(stepScale).div(denominator));
            after.intoArray(param, i);
            FloatVector difference = after.sub(before);
            beforeLanes = before.fma(before, beforeLanes);
            differenceLanes = difference.fma(difference, differenceLanes);
        }
        double beforeSquares = LaneMath.sum(beforeLanes);
        double differenceSquares = LaneMath.sum(differenceLanes);
        // The tail (fewer than L elements) in scalar form, written out here rather than by calling ScalarUpdates.adam
        // element by element: those one-element calls taught C2 that the plain loop runs once per call, and it then
        // compiled the plain Adam step without vectorizing it (0.83 ms instead of 0.08, measured).
        for (; i < to; i++) {
            float before = param[i];
            float p = decoupled ? before * shrink : before;
            float g = grad[i];
            if (coupled) g = g + coupledDecay * p;
            float start = expAvg[i];
            float m = fromStart ? start + firstWeight * (g - start) : g - (g - start) * complement;
            float v = expAvgSq[i] * beta2 + secondWeight * g * g;
            expAvg[i] = m;
            expAvgSq[i] = v;
            if (maxExpAvgSq != null) {
                v = Math.max(maxExpAvgSq[i], v);
                maxExpAvgSq[i] = v;
            }
            float denominator = (float) Math.sqrt(v) / correction2Sqrt + epsilon;
            float after = p + stepScale * m / denominator;
            param[i] = after;
            float difference = after - before;
            beforeSquares += (double) before * before;
            differenceSquares += (double) difference * difference;
        }
        sums[0] += beforeSquares;
        sums[1] += differenceSquares;
    }
}
