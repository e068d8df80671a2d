package dev.gradflow.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each initializer's sample mean and variance against the law in its doc comment, written out here from the fans.
 * With n ≥ 2¹⁶ samples the standard error of a sample variance is about √(2/n) ≤ 0.6%, so the 3% bound is several
 * standard errors wide; the mean must lie within 5 standard errors (5σ/√n) of its law.
 */
class VarianceLawTest {
    private static final double VARIANCE_TOLERANCE = 0.03;

    /** An initializer, the weight shape it fills, and the mean and variance its law predicts for that shape. */
    record Law(String label, Initializer initializer, int[] shape, double mean, double variance) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<Law> laws() {
        double n = 512; // fan_in = fan_out = 512 for a 512×512 weight
        int[] square = {512, 512};
        int[] wide = {256, 1024};       // fan_in 1024, fan_out 256
        int[] conv = {128, 64, 3, 3};    // fan_in 64·9 = 576, fan_out 128·9 = 1152
        return List.of(
                new Law("uniform(0, 1)", new Uniform(), square, 0.5, 1.0 / 12),
                new Law("uniform(-2, 3)", new Uniform(-2, 3), square, 0.5, 25.0 / 12),
                new Law("normal(0, 1)", new Normal(), square, 0, 1),
                new Law("normal(1, 0.1)", new Normal(1, 0.1), square, 1, 0.01),
                new Law("standard", new Standard(), square, 0, 1 / (3 * n)),
                new Law("standard wide", new Standard(), wide, 0, 1 / (3 * 1024.0)),
                new Law("standard conv", new Standard(), conv, 0, 1 / (3 * 576.0)),
                new Law("xavier_uniform", new XavierUniform(), square, 0, 2 / (n + n)),
                new Law("xavier_uniform gain tanh wide", new XavierUniform(5.0 / 3), wide, 0, 25.0 / 9 * 2 / (1024 + 256)),
                new Law("xavier_normal", new XavierNormal(), square, 0, 2 / (n + n)),
                new Law("xavier_normal conv", new XavierNormal(), conv, 0, 2 / (576.0 + 1152)),
                new Law("he_uniform", new HeUniform(), square, 0, 2 / n),
                new Law("he_uniform fan_out relu wide", new HeUniform(FanMode.FAN_OUT, "relu", 0), wide, 0, 2 / 256.0),
                new Law("he_uniform leaky 0.2", new HeUniform(FanMode.FAN_IN, "leaky_relu", 0.2), square, 0, 2 / (1 + 0.04) / n),
                new Law("he_normal", new HeNormal(), square, 0, 2 / n),
                new Law("he_normal fan_out conv", new HeNormal(FanMode.FAN_OUT, "relu", 0), conv, 0, 2 / 1152.0),
                new Law("he_normal tanh", new HeNormal(FanMode.FAN_IN, "tanh", 0), square, 0, 25.0 / 9 / n),
                new Law("lecun_normal", new LecunNormal(), square, 0, 1 / n),
                new Law("lecun_normal wide", new LecunNormal(), wide, 0, 1 / 1024.0),
                new Law("orthogonal", new Orthogonal(), square, 0, 1 / n),
                new Law("orthogonal gain 2 wide", new Orthogonal(2), wide, 0, 4 / 1024.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("laws")
    void sampleMomentsFollowTheLaw(Law law) {
        Tensor w = Tensor.zeros(law.shape());
        law.initializer().fillInPlace(w, new SplittableRandom(2024));
        float[] d = w.data();
        double sum = 0;
        for (float v : d) sum += v;
        double mean = sum / d.length;
        double squares = 0;
        for (float v : d) squares += (v - mean) * (v - mean);
        double variance = squares / (d.length - 1);
        double tolerance = VARIANCE_TOLERANCE * law.variance();
        assertEquals(law.variance(), variance, tolerance, law + ": variance");
        double meanTolerance = 5 * Math.sqrt(law.variance() / d.length);
        assertTrue(Math.abs(mean - law.mean()) <= meanTolerance, law + ": mean " + mean + " vs " + law.mean());
    }
}
