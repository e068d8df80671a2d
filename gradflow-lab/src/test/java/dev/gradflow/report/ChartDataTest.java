package dev.gradflow.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.diagnostics.LayerStats;
import dev.gradflow.diagnostics.ParameterStats;
import dev.gradflow.diagnostics.StepRecord;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class ChartDataTest {

    @Test
    void evenlySpacedKeepsFirstAndLastAndNeverRepeats() {
        assertArrayEquals(new int[] {0, 1, 2}, ChartData.evenlySpaced(3, 400));
        assertArrayEquals(new int[] {0}, ChartData.evenlySpaced(1, 400));
        assertArrayEquals(new int[] {0, 2, 4}, ChartData.evenlySpaced(5, 3));
        for (int count : new int[] {2, 13, 207, 401, 702, 1000, 100_000}) {
            int[] picked = ChartData.evenlySpaced(count, 400);
            assertEquals(Math.min(count, 400), picked.length);
            assertEquals(0, picked[0]);
            assertEquals(count - 1, picked[picked.length - 1]);
            for (int i = 1; i < picked.length; i++) assertTrue(picked[i] > picked[i - 1], "ascending at " + count);
        }
        assertThrows(IllegalArgumentException.class, () -> ChartData.evenlySpaced(10, 1));
    }

    @Test
    void roundingKeepsFourSignificantDigitsAndPrintsShort() {
        assertEquals(0.001234, ChartData.round(0.00123449));
        assertEquals(123500.0, ChartData.round(123456.7));
        assertEquals(-2.5e-7, ChartData.round(-2.50004e-7));
        assertEquals("1.235E-30", Double.toString(ChartData.round(1.23456e-30)));
        assertEquals(0.0, ChartData.round(0.0));
        assertTrue(Double.isNaN(ChartData.round(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, ChartData.round(Double.POSITIVE_INFINITY));
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(5);
        for (int i = 0; i < 10_000; i++) {
            double v = Math.pow(10, -40 + 50 * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
            double expected = new BigDecimal(v).round(new MathContext(ChartData.SIGNIFICANT_DIGITS)).doubleValue();
            double got = ChartData.round(v);
            assertTrue(Math.abs(got - expected) <= Math.ulp(expected) * 2 || isTie(v), v + ": " + got + " vs " + expected);
            assertTrue(new BigDecimal(Double.toString(got)).stripTrailingZeros().precision() <= ChartData.SIGNIFICANT_DIGITS,
                    "prints short: " + got);
        }
    }

    /** rint rounds half to even, BigDecimal half up: they may differ on an exact tie in the fifth digit. */
    private static boolean isTie(double v) {
        BigDecimal b = new BigDecimal(v).round(new MathContext(5));
        return b.unscaledValue().abs().mod(java.math.BigInteger.TEN).intValue() == 5;
    }

    @Test
    void weightLayersAreLinearAndConvWeightsInStateDictOrder() {
        StepRecord record = new StepRecord(1, 0.5, 0.1, Double.NaN, false,
                List.of(layer("0", "linear"), layer("1", "batch_norm1d"), layer("2", "relu"), layer("3", "conv2d")),
                List.of(parameter("0.weight"), parameter("0.bias"), parameter("1.weight"), parameter("1.bias"), parameter("3.weight"),
                        parameter("9.weight")));
        assertEquals(List.of("0.weight", "3.weight", "9.weight"), ChartData.weightParameters(record),
                "norm scales are not weight layers; a weight whose layer was not recorded is kept");
        ChartData.Profile profile = ChartData.profile(record, ChartData.weightParameters(record));
        assertEquals(List.of("0", "3", "9"), profile.layers());
        assertEquals(2.0, profile.backpropRms().get(0));
        assertTrue(Double.isNaN(profile.backpropRms().get(2)), "no layer stats: NaN");
        assertEquals(0.25, profile.weightGradL2().get(1));
    }

    private static LayerStats layer(String name, String kind) {
        return new LayerStats(name, kind, 0, 1, 0, 0, 2.0, 3.0);
    }

    private static ParameterStats parameter(String name) {
        return new ParameterStats(name, 0.25, 0.01, 0.1, 0, 0, 3, 0.003, 0.001);
    }
}
