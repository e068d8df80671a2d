package dev.gradflow.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fans, gains, orthogonality, determinism and the factory. */
class InitializerTest {

    static List<String> specNames() {
        return List.of("zeros", "uniform", "normal", "standard", "xavier_uniform", "xavier_normal", "he_uniform",
                "he_normal", "kaiming_uniform", "kaiming_normal", "lecun_normal", "orthogonal");
    }

    @Test
    void fansFollowPyTorchForLinearAndConvolutionWeights() {
        assertEquals(new Fans(3, 5), Fans.of("test", Shape.of(5, 3)));
        assertEquals(new Fans(4 * 3 * 2, 8 * 3 * 2), Fans.of("test", Shape.of(8, 4, 3, 2)));
        assertEquals(new Fans(4 * 7, 2 * 7), Fans.of("test", Shape.of(2, 4, 7)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fans.of("xavier_uniform", Shape.of(5)));
        assertTrue(e.getMessage().contains("xavier_uniform") && e.getMessage().contains("[5]"), e.getMessage());
    }

    @Test
    void gainsMatchPyTorchsTable() {
        for (String linear : List.of("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                "conv_transpose3d", "sigmoid", "identity")) {
            assertEquals(1.0, Gain.of(linear), linear);
        }
        assertEquals(5.0 / 3.0, Gain.of("tanh"));
        assertEquals(Math.sqrt(2.0), Gain.of("relu"));
        assertEquals(0.75, Gain.of("selu"));
        assertEquals(Math.sqrt(2.0 / (1 + 0.01 * 0.01)), Gain.of("leaky_relu"));
        assertEquals(Math.sqrt(2.0 / (1 + 0.2 * 0.2)), Gain.of("leaky_relu", 0.2));
        assertEquals(Math.sqrt(2.0), Gain.of("leaky_relu", 0.0));
        assertEquals(Math.sqrt(2.0), Gain.of("relu", 0.3), "param is ignored except for leaky_relu");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gain.of("gelu"));
        assertTrue(e.getMessage().contains("gelu"), e.getMessage());
    }

    @Test
    void orthogonalSquareWeightHasOrthonormalColumns() {
        Tensor w = Tensor.zeros(512, 512);
        new Orthogonal().fillInPlace(w, new SplittableRandom(3));
        assertGram(w, 512, 512, 1.0, true);
        assertGram(w, 512, 512, 1.0, false);
    }

    @Test
    void orthogonalTallWideAndConvolutionWeightsAreSemiOrthogonalWithGainSquared() {
        Tensor tall = Tensor.zeros(96, 40);
        new Orthogonal(2.0).fillInPlace(tall, new SplittableRandom(4));
        assertGram(tall, 96, 40, 4.0, true);            // WᵀW = 4I
        Tensor wide = Tensor.zeros(40, 96);
        new Orthogonal(0.5).fillInPlace(wide, new SplittableRandom(5));
        assertGram(wide, 40, 96, 0.25, false);          // WWᵀ = I/4
        Tensor conv = Tensor.zeros(16, 8, 3, 3);        // viewed as 16×72
        new Orthogonal(Gain.of("relu")).fillInPlace(conv, new SplittableRandom(6));
        assertGram(conv, 16, 72, 2.0, false);
    }

    @Test
    void householderQrReproducesTheMatrixWithAPositiveDiagonal() {
        SplittableRandom random = new SplittableRandom(9);
        int m = 7;
        int n = 4;
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) a[i] = random.nextGaussian();
        double[] q = HouseholderQr.orthonormalColumns(a, m, n);
        // R = QᵀA must be upper triangular with a positive diagonal, and QR must give back A.
        double[] r = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < m; k++) r[i * n + j] += q[k * n + i] * a[k * n + j];
            }
        }
        for (int i = 0; i < n; i++) {
            assertTrue(r[i * n + i] > 0, "R diagonal " + i + " = " + r[i * n + i]);
            for (int j = 0; j < i; j++) assertEquals(0.0, r[i * n + j], 1e-12, "R below the diagonal at " + i + "," + j);
        }
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < n; j++) {
                double qr = 0;
                for (int i = 0; i < n; i++) qr += q[k * n + i] * r[i * n + j];
                assertEquals(a[k * n + j], qr, 1e-12);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specNames")
    void sameSeedGivesTheSameWeights(String name) {
        Initializer init = Initializers.byName(name);
        Tensor first = Tensor.zeros(24, 10);
        Tensor second = Tensor.full(7f, 24, 10);
        init.fillInPlace(first, new SplittableRandom(42));
        init.fillInPlace(second, new SplittableRandom(42));
        assertArrayEquals(first.data(), second.data());
        if (!name.equals("zeros")) {
            Tensor other = Tensor.zeros(24, 10);
            init.fillInPlace(other, new SplittableRandom(43));
            assertFalse(Arrays.equals(first.data(), other.data()), "another seed gives other weights");
        }
    }

    @Test
    void constantAndZerosFillExactly() {
        Tensor w = Tensor.full(3f, 4, 5);
        new Zeros().fillInPlace(w, new SplittableRandom(1));
        for (float v : w.data()) assertEquals(0f, v);
        Initializers.byName("constant", Map.of("value", 0.25)).fillInPlace(w, new SplittableRandom(1));
        for (float v : w.data()) assertEquals(0.25f, v);
    }

    @Test
    void biasesUseTheFansOfTheirWeight() {
        Tensor bias = Tensor.zeros(256);
        new Standard().fillInPlace(bias, Shape.of(256, 16), new SplittableRandom(8));
        double bound = 1 / Math.sqrt(16);
        double max = 0;
        for (float v : bias.data()) max = Math.max(max, Math.abs(v));
        assertTrue(max <= bound && max > 0.9 * bound, "max |b| " + max + " within the bound " + bound);
        assertThrows(IllegalArgumentException.class, () -> new Standard().fillInPlace(bias, new SplittableRandom(8)));
    }

    @Test
    void factoryReadsTorchParameterNamesAndAliases() {
        assertEquals(new Uniform(-1, 2), Initializers.byName("uniform", Map.of("a", -1, "b", 2.0)));
        assertEquals(new Normal(0, 0.02), Initializers.byName("normal", Map.of("std", 0.02)));
        assertEquals(new XavierNormal(5.0 / 3), Initializers.byName("xavier_normal", Map.of("gain", 5.0 / 3)));
        assertEquals(new Orthogonal(), Initializers.byName("orthogonal"));
        assertEquals(new HeUniform(), Initializers.byName("kaiming_uniform"));
        assertEquals(new HeNormal(FanMode.FAN_OUT, "relu", 0), Initializers.byName("he_normal", Map.of("mode", "fan_out", "nonlinearity", "relu")));
        assertEquals(new HeUniform(FanMode.FAN_IN, "leaky_relu", 0.1), Initializers.byName("he_uniform", Map.of("a", 0.1)));
        for (String name : specNames()) {
            String canonical = name.replace("kaiming", "he");
            assertEquals(canonical, Initializers.byName(name).name());
        }
    }

    @Test
    void factoryRejectsUnknownNamesParametersAndValues() {
        assertMessage(() -> Initializers.byName("glorot"), "glorot");
        assertMessage(() -> Initializers.byName("xavier_uniform", Map.of("gian", 2.0)), "gian");
        assertMessage(() -> Initializers.byName("constant"), "value");
        assertMessage(() -> Initializers.byName("he_normal", Map.of("mode", "fan_avg")), "fan_avg");
        assertMessage(() -> Initializers.byName("he_normal", Map.of("nonlinearity", "swish")), "swish");
        assertMessage(() -> Initializers.byName("normal", Map.of("std", "big")), "std");
        assertMessage(() -> new Uniform(2, 1), "uniform");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    /** WᵀW (columns) or WWᵀ (rows) of W viewed as rows×cols equals scale·I to 1e-4. */
    private static void assertGram(Tensor w, int rows, int cols, double scale, boolean columns) {
        float[] d = w.data();
        int n = columns ? cols : rows;
        int len = columns ? rows : cols;
        double[][] vectors = new double[n][len];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (columns) vectors[j][i] = d[i * cols + j];
                else vectors[i][j] = d[i * cols + j];
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double dot = 0;
                for (int k = 0; k < len; k++) dot += vectors[a][k] * vectors[b][k];
                if (Math.abs((a == b ? scale : 0.0) - dot) > 1e-4 * Math.max(1, scale)) {
                    assertEquals(a == b ? scale : 0.0, dot, 1e-4 * Math.max(1, scale), "gram entry " + a + "," + b);
                }
            }
        }
    }
}
