package dev.gradflow.backend;

/**
 * The plain-Java reference kernels: straightforward loops that define what every other implementation must
 * compute. Loop orders are chosen for sequential memory access, nothing more.
 */
public final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemm(Transpose transA, Transpose transB, int m, int n, int k,
                     float[] a, int aOffset, float[] b, int bOffset, float beta, float[] c, int cOffset) {
        for (int i = 0; i < m; i++) {
            int rowC = cOffset + i * n;
            if (beta == 0f) {
                java.util.Arrays.fill(c, rowC, rowC + n, 0f);
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) c[rowC + j] *= beta;
            }
        }
        if (transB == Transpose.NO) {
            // C[i, :] += A'[i, p] · B[p, :]  — streams rows of B.
            for (int i = 0; i < m; i++) {
                int rowC = cOffset + i * n;
                for (int p = 0; p < k; p++) {
                    float aip = transA == Transpose.NO ? a[aOffset + i * k + p] : a[aOffset + p * m + i];
                    int rowB = bOffset + p * n;
                    for (int j = 0; j < n; j++) c[rowC + j] += aip * b[rowB + j];
                }
            }
        } else {
            // B stored n×k: C[i, j] += Σ_p A'[i, p] · B[j, p]  — a dot product of contiguous rows.
            for (int i = 0; i < m; i++) {
                int rowC = cOffset + i * n;
                for (int j = 0; j < n; j++) {
                    int rowB = bOffset + j * k;
                    float acc = 0f;
                    if (transA == Transpose.NO) {
                        int rowA = aOffset + i * k;
                        for (int p = 0; p < k; p++) acc += a[rowA + p] * b[rowB + p];
                    } else {
                        for (int p = 0; p < k; p++) acc += a[aOffset + p * m + i] * b[rowB + p];
                    }
                    c[rowC + j] += acc;
                }
            }
        }
    }

    @Override
    public void add(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = a[i] + b[i];
    }

    @Override
    public void sub(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = a[i] - b[i];
    }

    @Override
    public void mul(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = a[i] * b[i];
    }

    @Override
    public void div(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = a[i] / b[i];
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] += alpha * x[i];
    }

    @Override
    public void addProduct(float alpha, float[] x, float[] z, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] += alpha * x[i] * z[i];
    }

    @Override
    public void scale(float alpha, float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = alpha * x[i];
    }

    @Override
    public void addRowVector(float[] m, float[] row, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) out[base + c] = m[base + c] + row[c];
        }
    }

    @Override
    public void sumRowsInto(float[] m, int rows, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) out[c] += m[base + c];
        }
    }

    @Override
    public double sum(float[] x, int offset, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += x[offset + i];
        return s;
    }

    @Override
    public double sumOfSquares(float[] x, int offset, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = x[offset + i];
            s += v * v;
        }
        return s;
    }

    @Override
    public MagnitudeSummary summarizeMagnitudes(float[] x, int offset, int n) {
        double sumOfSquares = 0;
        float maxAbs = 0f;
        int zeros = 0;
        int nonFinite = 0;
        for (int i = 0; i < n; i++) {
            float v = x[offset + i];
            sumOfSquares += (double) v * v;
            if (!Float.isFinite(v)) nonFinite++;
            else maxAbs = Math.max(maxAbs, Math.abs(v));
            if (v == 0f) zeros++;
        }
        return new MagnitudeSummary(sumOfSquares, maxAbs, zeros, nonFinite);
    }

    @Override
    public RangeSummary summarizeRange(float[] x, int n, float low, float high) {
        double sum = 0;
        double sumOfSquares = 0;
        int outside = 0;
        for (int i = 0; i < n; i++) {
            float v = x[i];
            sum += v;
            sumOfSquares += (double) v * v;
            if (v < low || v > high) outside++;
        }
        return new RangeSummary(sum, sumOfSquares, outside);
    }

    @Override
    public UpdateSummary summarizeUpdate(float[] after, int afterOffset, float[] before, int beforeOffset, int n) {
        double squares = 0;
        double differences = 0;
        for (int i = 0; i < n; i++) {
            float b = before[beforeOffset + i];
            float d = after[afterOffset + i] - b;
            squares += (double) b * b;
            differences += (double) d * d;
        }
        return new UpdateSummary(squares, differences);
    }

    @Override
    public double sumOfSquaredDifferences(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            float d = a[i] - b[i];
            s += (double) d * d;
        }
        return s;
    }

    @Override
    public int countZeroColumns(float[] m, int rows, int cols) {
        int zeroColumns = 0;
        for (int c = 0; c < cols; c++) {
            boolean allZero = true;
            for (int r = 0; r < rows && allZero; r++) allZero = m[r * cols + c] == 0f;
            if (allZero) zeroColumns++;
        }
        return zeroColumns;
    }

    @Override
    public void pointwise(PointwiseFunction f, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = f.apply(x[i]);
    }

    @Override
    public void pointwiseBackward(PointwiseFunction f, float[] x, float[] y, float[] gradY, float[] gradX, int n) {
        for (int i = 0; i < n; i++) gradX[i] += f.derivative(x[i], y[i]) * gradY[i];
    }

    @Override
    public void pointwiseBackwardOverwrite(PointwiseFunction f, float[] x, float[] y, float[] gradY, float[] gradX, int n) {
        for (int i = 0; i < n; i++) gradX[i] = f.derivative(x[i], y[i]) * gradY[i];
    }

    @Override
    public void softmaxRows(float[] x, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) max = Math.max(max, x[base + c]);
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                float e = (float) Math.exp(x[base + c] - max);
                out[base + c] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int c = 0; c < cols; c++) out[base + c] *= inv;
        }
    }

    @Override
    public void logSoftmaxRows(float[] x, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) max = Math.max(max, x[base + c]);
            double sum = 0;
            for (int c = 0; c < cols; c++) sum += Math.exp(x[base + c] - max);
            float shift = (float) (max + Math.log(sum));
            for (int c = 0; c < cols; c++) out[base + c] = x[base + c] - shift;
        }
    }
}
