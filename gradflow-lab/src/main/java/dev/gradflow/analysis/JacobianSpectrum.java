package dev.gradflow.analysis;

import dev.gradflow.diagnostics.Jacobian;
import dev.gradflow.nn.Module;
import dev.gradflow.tensor.Tensor;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;

/**
 * Singular values of the input-output Jacobian J = ∂f(x)/∂x at initialization — the dynamical-isometry view
 * (Pennington, Schoenholz &amp; Ganguli 2017): a network trains well from the start when all singular values of J
 * are close to 1, so that every input direction's gradient is passed back undistorted.
 *
 * <p>J is computed exactly by vector-Jacobian products ({@link Jacobian}) at each of the given examples; the
 * singular values (EJML's SVD) of all examples are pooled and sorted in decreasing order.
 *
 * @param singularValues  pooled singular values, largest first
 * @param meanSquared     mean of σ² (= ‖J‖²_F / min(d_in, d_out) per example, averaged)
 * @param max             largest σ
 * @param min             smallest σ
 * @param conditionNumber max/min (infinite when min is 0)
 */
public record JacobianSpectrum(double[] singularValues, double meanSquared, double max, double min, double conditionNumber) {

    /** The spectrum pooled over the rows of {@code examples} (shape [k, …]). */
    public static JacobianSpectrum of(Module model, Tensor examples) {
        int k = examples.dim(0);
        double[] all = new double[0];
        for (int e = 0; e < k; e++) {
            Tensor x = examples.detach().rows(e, e + 1);
            double[][] j = Jacobian.at(model, x);
            DMatrixRMaj m = new DMatrixRMaj(j);
            double[] s = SingularOps_DDRM.singularValues(m);
            double[] merged = Arrays.copyOf(all, all.length + s.length);
            System.arraycopy(s, 0, merged, all.length, s.length);
            all = merged;
        }
        Arrays.sort(all);
        double[] desc = new double[all.length];
        for (int i = 0; i < all.length; i++) desc[i] = all[all.length - 1 - i];
        double sq = 0;
        for (double v : desc) sq += v * v;
        double max = desc.length == 0 ? Double.NaN : desc[0];
        double min = desc.length == 0 ? Double.NaN : desc[desc.length - 1];
        return new JacobianSpectrum(desc, sq / Math.max(1, desc.length), max, min, min == 0 ? Double.POSITIVE_INFINITY : max / min);
    }
}
