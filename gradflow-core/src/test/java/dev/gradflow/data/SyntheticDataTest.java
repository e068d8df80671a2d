package dev.gradflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.tensor.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {

    private static final List<SyntheticData> ALL = List.of(
            LinearData.of(200, 5).withNoise(0.1f),
            TwoMoons.of(200),
            Spirals.of(200),
            GaussianBlobs.of(200),
            TeacherData.of(200, 4, Task.REGRESSION),
            new TeacherData(200, 4, List.of(8, 8), 3, Task.CLASSIFICATION, 0.1f));

    @Test
    void sameSeedGivesTheSameDataAndAnotherSeedDifferentData() {
        for (SyntheticData generator : ALL) {
            Dataset a = generator.generate(42);
            Dataset b = generator.generate(new SplittableRandom(42));
            Dataset c = generator.generate(43);
            assertArrayEquals(a.features().data(), b.features().data(), generator.toString());
            assertArrayEquals(a.targets().data(), b.targets().data(), generator.toString());
            assertFalse(Arrays.equals(a.features().data(), c.features().data()), generator.toString());
            assertEquals(200, a.size());
            assertEquals(generator.task() == Task.CLASSIFICATION ? 1 : 2, a.targets().rank(), generator.toString());
        }
    }

    @Test
    void linearTargetsAreExactlyXTimesAlternatingWeights() {
        Dataset data = LinearData.of(10_000, 10).generate(0);
        assertEquals(Shape.of(10_000, 10), data.features().shape());
        assertEquals(Shape.of(10_000, 1), data.targets().shape());
        float[] x = data.features().data();
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < 10_000; i++) {
            double y = 0;
            for (int j = 0; j < 10; j++) y += x[i * 10 + j] * (j % 2 == 0 ? 1.0 : -1.0);
            assertEquals((float) y, data.targets().data()[i]);
        }
        for (float v : x) {
            assertTrue(v >= 0 && v < 1);
            sum += v;
            sumSquares += v * v;
        }
        double mean = sum / x.length;
        assertEquals(0.5, mean, 0.005); // U[0,1): mean 1/2, variance 1/12; 10^5 draws
        assertEquals(1.0 / 12, sumSquares / x.length - mean * mean, 0.002);
        assertArrayEquals(new float[] {1, -1, 1, -1, 1}, LinearData.alternatingWeights(5));
    }

    @Test
    void linearNoiseHasTheRequestedStandardDeviation() {
        LinearData generator = new LinearData(10_000, 3, new float[] {2, 0, -1}, 0.5f);
        Dataset data = generator.generate(1);
        float[] x = data.features().data();
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < 10_000; i++) {
            double residual = data.targets().data()[i] - (2.0 * x[3 * i] - x[3 * i + 2]);
            sum += residual;
            sumSquares += residual * residual;
        }
        assertEquals(0, sum / 10_000, 0.02);
        assertEquals(0.5, Math.sqrt(sumSquares / 10_000), 0.02);
    }

    @Test
    void noiselessMoonsLieOnTheirArcs() {
        Dataset data = new TwoMoons(101, 0f).generate(3);
        assertEquals(Shape.of(101, 2), data.features().shape());
        int[] counts = new int[2];
        for (int i = 0; i < 101; i++) {
            double px = data.features().get(i, 0);
            double py = data.features().get(i, 1);
            int label = (int) data.targets().get(i);
            counts[label]++;
            if (label == 0) {
                assertEquals(1.0, px * px + py * py, 1e-6);
                assertTrue(py >= -1e-7);
            } else {
                assertEquals(1.0, (px - 1) * (px - 1) + (py - 0.5) * (py - 0.5), 1e-6);
                assertTrue(py <= 0.5 + 1e-7);
            }
        }
        assertArrayEquals(new int[] {50, 51}, counts); // n_out = ⌊n/2⌋, as in scikit-learn
        // the rows are shuffled: the classes are not in two blocks
        assertFalse(Arrays.equals(data.targets().data(), sortedCopy(data.targets().data())));
    }

    @Test
    void moonsNoiseHasTheRequestedStandardDeviation() {
        Dataset data = new TwoMoons(20_000, 0.1f).generate(5);
        double sumSquares = 0;
        for (int i = 0; i < 20_000; i++) {
            double px = data.features().get(i, 0);
            double py = data.features().get(i, 1);
            double radius = data.targets().get(i) == 0 ? Math.hypot(px, py) : Math.hypot(px - 1, py - 0.5);
            sumSquares += (radius - 1) * (radius - 1);
        }
        // the radial component of isotropic noise has the same standard deviation (for noise ≪ radius)
        assertEquals(0.1, Math.sqrt(sumSquares / 20_000), 0.005);
    }

    @Test
    void noiselessSpiralsFollowTheirArms() {
        Dataset data = new Spirals(300, 3, 0f).generate(2);
        int[] counts = new int[3];
        for (int i = 0; i < 300; i++) {
            double px = data.features().get(i, 0);
            double py = data.features().get(i, 1);
            int c = (int) data.targets().get(i);
            counts[c]++;
            double r = Math.hypot(px, py);
            assertTrue(r <= 1 + 1e-6);
            if (r > 1e-3) {
                double angle = 4.0 * c + 4.0 * r; // θ = 4c + 4r
                assertEquals(Math.sin(angle) * r, px, 1e-5);
                assertEquals(Math.cos(angle) * r, py, 1e-5);
            }
        }
        assertArrayEquals(new int[] {100, 100, 100}, counts);
        int[] uneven = new int[4];
        for (float label : new Spirals(10, 4, 0.2f).generate(0).targets().data()) uneven[(int) label]++;
        assertArrayEquals(new int[] {3, 3, 2, 2}, uneven);
    }

    @Test
    void blobsClusterAroundTheirCentersWithTheRequestedSpread() {
        GaussianBlobs generator = new GaussianBlobs(6_000, 3, 4, 0.5f, 10f);
        float[] centers = generator.drawCenters(new SplittableRandom(9));
        Dataset data = generator.generate(9);
        assertEquals(Shape.of(6_000, 3), data.features().shape());
        double[] sums = new double[12];
        double[] squares = new double[12];
        int[] counts = new int[4];
        for (int i = 0; i < 6_000; i++) {
            int c = (int) data.targets().get(i);
            counts[c]++;
            for (int j = 0; j < 3; j++) {
                double v = data.features().get(i, j);
                sums[c * 3 + j] += v;
                squares[c * 3 + j] += v * v;
            }
        }
        assertArrayEquals(new int[] {1500, 1500, 1500, 1500}, counts);
        for (int k = 0; k < 12; k++) {
            assertTrue(centers[k] >= -10 && centers[k] < 10);
            double mean = sums[k] / 1500;
            assertEquals(centers[k], mean, 0.05); // 4 standard errors of 0.5/√1500
            assertEquals(0.5, Math.sqrt(squares[k] / 1500 - mean * mean), 0.04);
        }
    }

    @Test
    void teacherTargetsAreTheTeachersOutputs() {
        TeacherData regression = new TeacherData(500, 6, List.of(16, 8), 2, Task.REGRESSION, 0f);
        Dataset data = regression.generate(11);
        assertEquals(Shape.of(500, 6), data.features().shape());
        assertEquals(Shape.of(500, 2), data.targets().shape());
        SplittableRandom replay = new SplittableRandom(11);
        TeacherNetwork teacher = TeacherNetwork.random(List.of(6, 16, 8, 2), replay);
        double[] expected = teacher.forward(data.features().data(), 500);
        double spread = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals((float) expected[i], data.targets().data()[i]);
            spread += expected[i] * expected[i];
        }
        assertTrue(Math.sqrt(spread / expected.length) > 0.1, "outputs are not degenerate");
        // inputs are N(0, 1) drawn after the teacher
        assertEquals((float) replay.nextGaussian(), data.features().data()[0]);
    }

    @Test
    void teacherClassesAreTheArgmaxOfItsOutputs() {
        TeacherData classification = new TeacherData(2_000, 5, List.of(32), 4, Task.CLASSIFICATION, 0f);
        Dataset data = classification.generate(4);
        assertEquals(Shape.of(2_000), data.targets().shape());
        TeacherNetwork teacher = TeacherNetwork.random(classification.layerSizes(), new SplittableRandom(4));
        double[] z = teacher.forward(data.features().data(), 2_000);
        int[] counts = new int[4];
        for (int r = 0; r < 2_000; r++) {
            int best = 0;
            for (int k = 1; k < 4; k++) if (z[r * 4 + k] > z[r * 4 + best]) best = k;
            assertEquals(best, (int) data.targets().get(r));
            counts[best]++;
        }
        for (int count : counts) assertTrue(count > 0, Arrays.toString(counts));
    }

    @Test
    void badParametersNameTheGeneratorAndParameter() {
        assertEquals("linear: samples must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> LinearData.of(0, 3)).getMessage());
        assertEquals("linear: 2 weights for 3 features",
                assertThrows(IllegalArgumentException.class, () -> new LinearData(5, 3, new float[2], 0f)).getMessage());
        assertEquals("moons: noise must be a finite number ≥ 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new TwoMoons(5, Float.NaN)).getMessage());
        assertEquals("spirals: 2 samples cannot fill 3 classes",
                assertThrows(IllegalArgumentException.class, () -> new Spirals(2, 3, 0f)).getMessage());
        assertEquals("teacher: classification needs at least 2 classes (outputs), got 1",
                assertThrows(IllegalArgumentException.class,
                        () -> new TeacherData(5, 2, List.of(), 1, Task.CLASSIFICATION, 0f)).getMessage());
    }

    private static float[] sortedCopy(float[] values) {
        float[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
