package dev.gradflow.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lane sums and e^x built only from exactly rounded lane operations (add, mul, fma, conversions, shuffles), so they
 * give the same bits whether the JIT has compiled the Vector API code or not.
 *
 * <p>Why: {@code reduceLanes(ADD)} on floating point may add the lanes in any order, and C2 does use a different
 * order than the interpreted fallback; {@code lanewise(EXP)} is a vector-math intrinsic once compiled but
 * {@code Math.exp} per lane before. Either makes a run's numbers depend on how warm the JIT was — the same seed
 * would not give the same numbers, which gradflow promises.
 */
final class LaneMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, S.vectorShape());
    private static final VectorShuffle<Float>[] FLOAT_HALVES = halves(S);
    private static final VectorShuffle<Double>[] DOUBLE_HALVES = halves(D);

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** Above this e^x overflows float. */
    private static final float MAX_ARG = 88.7228391f;
    /** Below this e^x is under 2⁻¹²⁵; the result is flushed to 0 (true values there are below 1.2e-38). */
    private static final float MIN_ARG = -86.6f;

    private LaneMath() {}

    /** Rotations by L/2, L/4, …, 1 lanes: after adding each, every lane holds the total, in a fixed tree order. */
    @SuppressWarnings("unchecked")
    private static <E> VectorShuffle<E>[] halves(VectorSpecies<E> species) {
        int n = Integer.numberOfTrailingZeros(species.length());
        VectorShuffle<E>[] out = new VectorShuffle[n];
        for (int i = 0, half = species.length() / 2; half >= 1; i++, half /= 2) out[i] = VectorShuffle.iota(species, half, 1, true);
        return out;
    }

    /** Σ lanes, pairwise in a fixed order. */
    static float sum(FloatVector v) {
        for (VectorShuffle<Float> s : FLOAT_HALVES) v = v.add(v.rearrange(s));
        return v.lane(0);
    }

    /** Σ lanes, pairwise in a fixed order. */
    static double sum(DoubleVector v) {
        for (VectorShuffle<Double> s : DOUBLE_HALVES) v = v.add(v.rearrange(s));
        return v.lane(0);
    }

    /**
     * e^x lane by lane (Cephes expf): x = k·ln2 + r with k = ⌊x·log₂e + ½⌋ and ln2 split in two for an exact r,
     * e^r ≈ 1 + r + r²·P(r) (degree-5 minimax, ≈ 1 ulp), times 2^k assembled in the exponent bits. +∞ above
     * 88.72, 0 below −86.6 (flush of the subnormal range), NaN for NaN.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(MIN_ARG).min(MAX_ARG);
        FloatVector t = xc.mul(LOG2E).add(0.5f);
        FloatVector k = (FloatVector) ((IntVector) t.convertShape(VectorOperators.F2I, I, 0)).convertShape(VectorOperators.I2F, S, 0);
        k = k.sub(1f, k.compare(VectorOperators.GT, t));
        FloatVector r = xc.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
        FloatVector z = r.mul(r);
        FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f)
                .mul(r).add(8.3334519073e-3f)
                .mul(r).add(4.1665795894e-2f)
                .mul(r).add(1.6666665459e-1f)
                .mul(r).add(5.0000001201e-1f);
        FloatVector y = p.mul(z).add(r).add(1f);
        // 2^(k−1) is representable for every k in range (k ≤ 128); the final ×2 restores 2^k.
        IntVector ki = (IntVector) k.convertShape(VectorOperators.F2I, I, 0);
        FloatVector scale = ki.add(126).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector result = y.mul(scale).mul(2f);
        VectorMask<Float> overflow = x.compare(VectorOperators.GT, MAX_ARG);
        VectorMask<Float> underflow = x.compare(VectorOperators.LT, MIN_ARG);
        return result.blend(Float.POSITIVE_INFINITY, overflow).blend(0f, underflow);
    }
}
