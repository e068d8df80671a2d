package dev.gradflow.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.Sequential;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;

class JacobianSpectrumTest {
    private static final int WIDTH = 32;

    private static Tensor orthogonal(SplittableRandom r) {
        DMatrixRMaj a = new DMatrixRMaj(WIDTH, WIDTH);
        for (int i = 0; i < a.data.length; i++) a.data[i] = r.nextGaussian();
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(WIDTH, WIDTH);
        qr.decompose(a);
        DMatrixRMaj q = qr.getQ(null, false);
        float[] w = new float[WIDTH * WIDTH];
        for (int i = 0; i < w.length; i++) w[i] = (float) q.data[i];
        return Tensor.of(w, WIDTH, WIDTH);
    }

    private static Tensor gaussian(SplittableRandom r) {
        float[] w = new float[WIDTH * WIDTH];
        for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() / Math.sqrt(WIDTH));
        return Tensor.of(w, WIDTH, WIDTH);
    }

    private static Module deepLinear(int depth, boolean orthogonal, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i < depth; i++) layers.add(new Linear(orthogonal ? orthogonal(r) : gaussian(r), Tensor.zeros(WIDTH)));
        return new Sequential(layers);
    }

    @Test
    void orthogonalDeepLinearNetworkIsAnIsometry() {
        Tensor x = Tensor.randn(new SplittableRandom(3), 2, WIDTH);
        JacobianSpectrum s = JacobianSpectrum.of(deepLinear(20, true, 1), x);
        assertEquals(2 * WIDTH, s.singularValues().length);
        for (double v : s.singularValues()) assertEquals(1.0, v, 1e-4);
        assertEquals(1.0, s.conditionNumber(), 1e-3);
    }

    @Test
    void gaussianInitOfTheSameVarianceSpreadsWithDepth() {
        Tensor x = Tensor.randn(new SplittableRandom(3), 1, WIDTH);
        double shallow = JacobianSpectrum.of(deepLinear(2, false, 1), x).conditionNumber();
        double deep = JacobianSpectrum.of(deepLinear(20, false, 1), x).conditionNumber();
        assertTrue(deep > 10 * shallow, "condition number should grow with depth: " + shallow + " → " + deep);
        JacobianSpectrum s = JacobianSpectrum.of(deepLinear(20, false, 1), x);
        assertEquals(1.0, s.meanSquared(), 0.5, "mean squared singular value stays ≈ 1 under Var(w) = 1/n");
    }

    @Test
    void gradflowsOrthogonalInitializerGivesAnIsometryToo() {
        SplittableRandom r = new SplittableRandom(9);
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            layers.add(new Linear(WIDTH, WIDTH, dev.gradflow.init.Initializers.byName("orthogonal"), dev.gradflow.nn.BiasTerm.WITHOUT_BIAS, r));
        }
        JacobianSpectrum s = JacobianSpectrum.of(new Sequential(layers), Tensor.randn(new SplittableRandom(4), 1, WIDTH));
        for (double v : s.singularValues()) assertEquals(1.0, v, 1e-4);
    }
}
