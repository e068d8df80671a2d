package dev.gradflow.init;

/**
 * The Q factor of a thin QR decomposition A = Q·R by Householder reflections, in double, normalized so that R has
 * a non-negative diagonal (Q's column j is multiplied by sign(R_jj)), which makes Q unique for a full-rank A.
 */
final class HouseholderQr {
    private HouseholderQr() {}

    /**
     * For A of shape m×n (m ≥ n), row-major, returns Q of shape m×n, row-major, with QᵀQ = I and A = Q·R for an
     * upper-triangular R with R_jj ≥ 0. {@code a} is not modified.
     *
     * <p>Step k reflects column k below the diagonal onto α·e_k with H_k = I − 2vvᵀ/(vᵀv), v = x − α·e_k and
     * α = −sign(x₀)·‖x‖ (no cancellation); then R_kk = α and Q = H₀·H₁·…·H_{n−1}·[I; 0].
     */
    static double[] orthonormalColumns(double[] a, int m, int n) {
        if (m < n) throw new IllegalArgumentException("householder QR: needs rows >= columns, got " + m + "×" + n);
        double[] r = a.clone();
        double[][] reflectors = new double[n][];
        double[] diagonal = new double[n];
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) norm += r[i * n + k] * r[i * n + k];
            norm = Math.sqrt(norm);
            if (norm == 0) continue; // an exactly dependent column: leave H_k = I and R_kk = 0
            double x0 = r[k * n + k];
            double alpha = x0 > 0 ? -norm : norm;
            double[] v = new double[m - k];
            v[0] = x0 - alpha;
            for (int i = k + 1; i < m; i++) v[i - k] = r[i * n + k];
            reflect(v, r, k, k, m, n, w);
            reflectors[k] = v;
            diagonal[k] = alpha;
        }
        double[] q = new double[m * n];
        for (int j = 0; j < n; j++) q[j * n + j] = 1.0;
        // When H_k is applied, columns j < k are still e_j, which H_k leaves alone: only columns k.. change.
        for (int k = n - 1; k >= 0; k--) {
            if (reflectors[k] != null) reflect(reflectors[k], q, k, k, m, n, w);
        }
        for (int j = 0; j < n; j++) {
            if (diagonal[j] < 0) {
                for (int i = 0; i < m; i++) q[i * n + j] = -q[i * n + j];
            }
        }
        return q;
    }

    /** M[row0:, col0:] −= (2/vᵀv)·v·(vᵀ·M[row0:, col0:]) for an m×n row-major M. */
    private static void reflect(double[] v, double[] matrix, int row0, int col0, int m, int n, double[] w) {
        double vv = 0;
        for (double e : v) vv += e * e;
        double scale = 2.0 / vv;
        java.util.Arrays.fill(w, col0, n, 0.0);
        for (int i = row0; i < m; i++) {
            double vi = v[i - row0];
            int base = i * n;
            for (int j = col0; j < n; j++) w[j] += vi * matrix[base + j];
        }
        for (int i = row0; i < m; i++) {
            double vi = scale * v[i - row0];
            int base = i * n;
            for (int j = col0; j < n; j++) matrix[base + j] -= vi * w[j];
        }
    }
}
