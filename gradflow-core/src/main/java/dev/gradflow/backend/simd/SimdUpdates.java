package dev.gradflow.backend.simd;

import dev.gradflow.backend.AdamCoefficients;
import dev.gradflow.backend.ScalarUpdates;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Optimizer updates in one vector pass over the parameter and its state: the same float operations, in the same
 * order, as {@link ScalarUpdates} (√ is correctly rounded in both), so the results are identical bit for bit; the
 * tail shorter than a vector runs the scalar loop.
 */
final class SimdUpdates {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private SimdUpdates() {}

    /** Adam (see {@link AdamCoefficients} for the formula) on elements [0, n). */
    static void adam(AdamCoefficients c, float[] param, float[] grad, float[] expAvg, float[] expAvgSq,
                     float[] maxExpAvgSq, int n) {
        int bound = S.loopBound(n);
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
        for (int i = 0; i < bound; i += L) {
            FloatVector p = FloatVector.fromArray(S, param, i);
            if (decoupled) p = p.mul(shrink);
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
            p.add(m.mul(stepScale).div(denominator)).intoArray(param, i);
        }
        ScalarUpdates.adam(c, param, grad, expAvg, expAvgSq, maxExpAvgSq, bound, n);
    }
}
