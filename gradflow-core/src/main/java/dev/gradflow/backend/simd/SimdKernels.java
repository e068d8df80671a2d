package dev.gradflow.backend.simd;

import dev.gradflow.backend.AdamCoefficients;
import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.MagnitudeSummary;
import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.backend.RangeSummary;
import dev.gradflow.backend.ScalarKernels;
import dev.gradflow.backend.Transpose;
import dev.gradflow.backend.UpdateSummary;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link Kernels} on the JDK's Vector API ({@code FloatVector.SPECIES_PREFERRED}: 16 float lanes with
 * AVX-512). {@code KernelProvider} loads this class reflectively, and only when {@code jdk.incubator.vector} is
 * usable; no other package imports the incubator module.
 *
 * <p>Elementwise arithmetic uses the same single float operation per element as {@link ScalarKernels} and so agrees
 * with it bit for bit; GEMM, sums, sigmoid, tanh and softmax agree to float rounding (see each helper's Javadoc).
 * Pointwise functions without a vectorized form run the scalar reference loop.
 *
 * <p>How the kernels are written so that C2 compiles all of their Vector API calls, whatever the order in which the
 * JIT meets them. A vector operation C2 does not inline stays a call: its vectors are boxed on the heap and it runs
 * the API's Java fallback, 10–100× slower — in a loop, the whole kernel is that slow for the rest of the run. C2
 * inlines a call on a vector whose exact class it knows (a chain that starts at {@code fromArray}, {@code broadcast}
 * or {@code zero} of a constant species), and otherwise only as far as type profiles allow; those profiles are
 * shared by every caller of the API method and may be empty when a kernel compiles early. Measured with
 * {@code scripts/vector-inlining-report.sh} on the seed job, masked loads and stores (tails) and a helper method
 * taking a vector were what stayed calls, depending on JIT timing. So: loop tails are scalar, with the same float
 * operations in the same order (the bits do not change), and hot loops are written out in full rather than through
 * helpers that take vectors. (Sigmoid, tanh and softmax keep vector tails and helpers: their scalar forms would
 * round differently; the report found nothing left in them.) {@code VectorInliningTest} (gradflow-cli) checks the
 * seed job's kernels under {@code -Xbatch}. And one float shape ({@code SPECIES_PREFERRED}) in every kernel: with a
 * second one, the API's shared methods see two vector classes in their type profiles, and C2 may compile one class's
 * operations in place and leave the other's as calls (which the report cannot see).
 */
public final class SimdKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private final ScalarKernels scalar = new ScalarKernels();

    /** The constructor {@code KernelProvider} calls. */
    public SimdKernels() {}

    @Override
    public String name() {
        return "simd-" + S.vectorBitSize();
    }

    @Override
    public void gemm(Transpose transA, Transpose transB, int m, int n, int k,
                     float[] a, int aOffset, float[] b, int bOffset, float beta, float[] c, int cOffset) {
        SimdGemm.gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, beta, c, cOffset);
    }

    @Override
    public void add(float[] a, float[] b, float[] out, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, a, i).add(FloatVector.fromArray(S, b, i)).intoArray(out, i);
        }
        for (; i < n; i++) out[i] = a[i] + b[i];
    }

    @Override
    public void sub(float[] a, float[] b, float[] out, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, a, i).sub(FloatVector.fromArray(S, b, i)).intoArray(out, i);
        }
        for (; i < n; i++) out[i] = a[i] - b[i];
    }

    @Override
    public void mul(float[] a, float[] b, float[] out, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, a, i).mul(FloatVector.fromArray(S, b, i)).intoArray(out, i);
        }
        for (; i < n; i++) out[i] = a[i] * b[i];
    }

    @Override
    public void div(float[] a, float[] b, float[] out, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, a, i).div(FloatVector.fromArray(S, b, i)).intoArray(out, i);
        }
        for (; i < n; i++) out[i] = a[i] / b[i];
    }

    /** y[i] += α·x[i], the product rounded before the sum as in the scalar loop. */
    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, y, i).add(FloatVector.fromArray(S, x, i).mul(alpha)).intoArray(y, i);
        }
        for (; i < n; i++) y[i] += alpha * x[i];
    }

    /** y[i] += (α·x[i])·z[i], multiplied left to right as in the scalar loop. */
    @Override
    public void addProduct(float alpha, float[] x, float[] z, float[] y, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector product = FloatVector.fromArray(S, x, i).mul(alpha).mul(FloatVector.fromArray(S, z, i));
            FloatVector.fromArray(S, y, i).add(product).intoArray(y, i);
        }
        for (; i < n; i++) y[i] += alpha * x[i] * z[i];
    }

    @Override
    public void scale(float alpha, float[] x, float[] out, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) FloatVector.fromArray(S, x, i).mul(alpha).intoArray(out, i);
        for (; i < n; i++) out[i] = alpha * x[i];
    }

    @Override
    public void addRowVector(float[] m, float[] row, float[] out, int rows, int cols) {
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            int c = 0;
            for (; c < bound; c += L) {
                FloatVector.fromArray(S, m, base + c).add(FloatVector.fromArray(S, row, c)).intoArray(out, base + c);
            }
            for (; c < cols; c++) out[base + c] = m[base + c] + row[c];
        }
    }

    @Override
    public void sumRowsInto(float[] m, int rows, int cols, float[] out) {
        SimdReductions.sumRowsInto(m, rows, cols, out);
    }

    @Override
    public double sum(float[] x, int offset, int n) {
        return SimdReductions.sum(x, offset, n);
    }

    @Override
    public double sumOfSquares(float[] x, int offset, int n) {
        return SimdReductions.sumOfSquares(x, offset, n);
    }

    // The probes' single-pass statistics, max|x| and the zero count: SimdStatistics.

    @Override
    public float maxAbs(float[] x, int offset, int n) {
        return SimdStatistics.maxAbs(x, offset, n);
    }

    @Override
    public int countZeros(float[] x, int offset, int n) {
        return SimdStatistics.countZeros(x, offset, n);
    }

    @Override
    public MagnitudeSummary summarizeMagnitudes(float[] x, int offset, int n) {
        return SimdStatistics.summarizeMagnitudes(x, offset, n);
    }

    @Override
    public RangeSummary summarizeRange(float[] x, int n, float low, float high) {
        return SimdStatistics.summarizeRange(x, n, low, high);
    }

    @Override
    public UpdateSummary adamUpdateMeasured(AdamCoefficients c, float[] param, float[] grad, float[] expAvg,
                                            float[] expAvgSq, float[] maxExpAvgSq, int from, int to) {
        return SimdUpdates.adamMeasured(c, param, grad, expAvg, expAvgSq, maxExpAvgSq, from, to);
    }

    @Override
    public UpdateSummary summarizeUpdate(float[] after, int afterOffset, float[] before, int beforeOffset, int n) {
        return SimdStatistics.summarizeUpdate(after, afterOffset, before, beforeOffset, n);
    }

    @Override
    public double sumOfSquaredDifferences(float[] a, float[] b, int n) {
        return SimdStatistics.sumOfSquaredDifferences(a, b, n);
    }

    @Override
    public int countZeroColumns(float[] m, int rows, int cols) {
        return SimdStatistics.countZeroColumns(m, rows, cols);
    }

    @Override
    public void pointwise(PointwiseFunction f, float[] x, float[] y, int n) {
        if (!SimdActivations.forward(f, x, y, n)) scalar.pointwise(f, x, y, n);
    }

    @Override
    public void pointwiseBackward(PointwiseFunction f, float[] x, float[] y, float[] gradY, float[] gradX, int n) {
        if (!SimdActivations.backward(f, x, y, gradY, gradX, n)) scalar.pointwiseBackward(f, x, y, gradY, gradX, n);
    }

    @Override
    public void softmaxRows(float[] x, float[] out, int rows, int cols) {
        SimdSoftmax.softmaxRows(x, out, rows, cols);
    }

    @Override
    public void logSoftmaxRows(float[] x, float[] out, int rows, int cols) {
        SimdSoftmax.logSoftmaxRows(x, out, rows, cols);
    }
}
