package dev.gradflow.backend;

/**
 * The numeric kernels every op runs on. All arrays are row-major and contiguous; "+=" in a description means the
 * kernel accumulates into its output, "=" that it overwrites it.
 *
 * <p>Two implementations exist: {@link ScalarKernels}, plain Java and the living specification, and the SIMD
 * provider in {@code dev.gradflow.backend.simd}. {@link KernelProvider} picks one at start-up. Every
 * implementation must agree with the scalar one to float rounding, which the differential tests check.
 */
public interface Kernels {

    /** A short name recorded in run provenance, e.g. "scalar" or "simd-512". */
    String name();

    /**
     * General matrix multiply: C = op(A)·op(B) + β·C, with op(A) of shape m×k and op(B) of shape k×n.
     *
     * <p>A is stored row-major as m×k ({@link Transpose#NO}) or k×m ({@link Transpose#YES}), likewise B as k×n or
     * n×k; C is m×n. With β = 0 the previous contents of C are ignored (even NaN).
     */
    void gemm(Transpose transA, Transpose transB, int m, int n, int k,
              float[] a, int aOffset, float[] b, int bOffset, float beta, float[] c, int cOffset);

    /**
     * One Adam/AdamW step on elements [from, to) of a parameter, in place (the formula and its float rounding in
     * {@link AdamCoefficients}). Modifies param, expAvg, expAvgSq and maxExpAvgSq (null unless AMSGrad); grad is
     * only read. The default is the plain-Java reference {@link ScalarUpdates#adam}, which C2 vectorizes; every
     * implementation must agree with it bit for bit. (A Vector API twin measured no faster — the pass is bound by
     * memory — and made a later workload in the same JVM 2.5× slower, so the SIMD provider keeps this default.)
     */
    default void adamUpdate(AdamCoefficients c, float[] param, float[] grad, float[] expAvg, float[] expAvgSq,
                            float[] maxExpAvgSq, int from, int to) {
        ScalarUpdates.adam(c, param, grad, expAvg, expAvgSq, maxExpAvgSq, from, to);
    }

    /**
     * {@link #adamUpdate}, also returning Σ θ_before² and Σ (θ_after − θ_before)² over the range (the gradient-flow
     * probe's weight and update norms), with the same bits in every array as {@code adamUpdate}. The default
     * measures block by block ({@link BlockwiseUpdate}); the SIMD provider accumulates both sums inside its own
     * update loop, which is bound by memory, so they cost almost nothing there.
     */
    default UpdateSummary adamUpdateMeasured(AdamCoefficients c, float[] param, float[] grad, float[] expAvg,
                                             float[] expAvgSq, float[] maxExpAvgSq, int from, int to) {
        return BlockwiseUpdate.measure(param, from, to,
                (start, end) -> ScalarUpdates.adam(c, param, grad, expAvg, expAvgSq, maxExpAvgSq, start, end));
    }

    /** out[i] = a[i] + b[i] for i &lt; n. */
    void add(float[] a, float[] b, float[] out, int n);

    /** out[i] = a[i] − b[i]. */
    void sub(float[] a, float[] b, float[] out, int n);

    /** out[i] = a[i] · b[i]. */
    void mul(float[] a, float[] b, float[] out, int n);

    /** out[i] = a[i] / b[i]. */
    void div(float[] a, float[] b, float[] out, int n);

    /** y[i] += α·x[i] (BLAS axpy). */
    void axpy(float alpha, float[] x, float[] y, int n);

    /** y[i] += α·x[i]·z[i]. */
    void addProduct(float alpha, float[] x, float[] z, float[] y, int n);

    /** out[i] = α·x[i]. */
    void scale(float alpha, float[] x, float[] out, int n);

    /** out[r, c] = m[r, c] + row[c] for an m of shape rows×cols (bias add). */
    void addRowVector(float[] m, float[] row, float[] out, int rows, int cols);

    /** out[c] += Σ_r m[r, c] for an m of shape rows×cols (bias gradient). */
    void sumRowsInto(float[] m, int rows, int cols, float[] out);

    /** Σ_i x[offset + i] for i &lt; n, accumulated in double. */
    double sum(float[] x, int offset, int n);

    /** Σ_i x[offset + i]², accumulated in double. */
    double sumOfSquares(float[] x, int offset, int n);

    /**
     * max_i |x[offset + i]| for i &lt; n (0 when n = 0), for finite x (NaN or ±∞ give an unspecified result: callers
     * check {@link #sumOfSquares} first, which is then not finite).
     *
     * <p>The default is the plain-Java reference; a SIMD provider overrides it.
     */
    default float maxAbs(float[] x, int offset, int n) {
        float max = 0f;
        for (int i = 0; i < n; i++) max = Math.max(max, Math.abs(x[offset + i]));
        return max;
    }

    /**
     * The number of i &lt; n with x[offset + i] == 0 (+0 or −0).
     *
     * <p>The default is the plain-Java reference; a SIMD provider overrides it.
     */
    default int countZeros(float[] x, int offset, int n) {
        int zeros = 0;
        // Branch-free (gradients of ReLU networks are zero in unpredictable places): |x| has all-zero bits exactly when
        // x is ±0, and (bits − 1) >>> 31 is then 1, else 0.
        for (int i = 0; i < n; i++) zeros += ((Float.floatToRawIntBits(x[offset + i]) & 0x7fffffff) - 1) >>> 31;
        return zeros;
    }

    // Single-pass statistics for the gradient-flow probes (dev.gradflow.diagnostics), each replacing several passes.
    // Their sums are accumulated in double in a fixed order (the same bits warm or cold), which may differ from the
    // order of sum and sumOfSquares by double rounding.

    /**
     * One pass over x[offset .. offset+n): Σx_i² (in double), max |x_i| over the finite x_i, the
     * count of ±0 and the count of NaN/±∞. See {@link MagnitudeSummary}.
     */
    MagnitudeSummary summarizeMagnitudes(float[] x, int offset, int n);

    /**
     * One pass over x[0 .. n): Σx_i and Σx_i² (in double) and the count of x_i outside
     * [low, high] (x_i &lt; low or x_i &gt; high). See {@link RangeSummary}.
     */
    RangeSummary summarizeRange(float[] x, int n, float low, float high);

    /**
     * Σ before[bo+i]² and Σ (after[ao+i] − before[bo+i])² for i &lt; n (each difference rounded to float), in one
     * pass, nothing written. See {@link UpdateSummary}.
     */
    UpdateSummary summarizeUpdate(float[] after, int afterOffset, float[] before, int beforeOffset, int n);

    /** Σ_i d_i² in double with d_i = a[i] − b[i] rounded to float (as {@link #sub} rounds it); one pass, nothing written. */
    double sumOfSquaredDifferences(float[] a, float[] b, int n);

    /** The number of columns c of a rows×cols matrix m with m[r, c] == 0 (+0 or −0) for every row r (cols when rows = 0). */
    int countZeroColumns(float[] m, int rows, int cols);

    /** y[i] = f(x[i]). */
    void pointwise(PointwiseFunction f, float[] x, float[] y, int n);

    /** gradX[i] += f′(x[i]) · gradY[i], where y = f(x) is the saved forward output. */
    void pointwiseBackward(PointwiseFunction f, float[] x, float[] y, float[] gradY, float[] gradX, int n);

    /**
     * gradX[i] = f′(x[i]) · gradY[i] (overwriting gradX, whose old contents are ignored), where y = f(x): the first
     * and only contribution to a gradient, written without zeroing it first. Equal to zeroing gradX and calling
     * {@link #pointwiseBackward}, except that an exact zero product is +0 there and may be −0 here.
     *
     * <p>The default does exactly that (a fill, then the accumulating kernel); providers override it with one pass.
     */
    default void pointwiseBackwardOverwrite(PointwiseFunction f, float[] x, float[] y, float[] gradY, float[] gradX, int n) {
        java.util.Arrays.fill(gradX, 0, n, 0f);
        pointwiseBackward(f, x, y, gradY, gradX, n);
    }

    /** Row-wise softmax of a rows×cols matrix, stabilized by subtracting each row's max. */
    void softmaxRows(float[] x, float[] out, int rows, int cols);

    /** Row-wise log-softmax: out = x − max − log Σ exp(x − max). */
    void logSoftmaxRows(float[] x, float[] out, int rows, int cols);
}
