package dev.gradflow.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.data.Dataset;
import dev.gradflow.lab.ShippedDataset;
import dev.gradflow.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DataShippingTest {

    private static Dataset rows(int n, int features) {
        return new Dataset(Tensor.randn(new SplittableRandom(n), n, features), Tensor.randn(new SplittableRandom(n + 1), n, 1));
    }

    @Test
    void filesWithinTheLimitTravelSyntheticDataNever() {
        Map<String, Dataset> datasets = new LinkedHashMap<>();
        datasets.put("csv:/data/small.csv?task=regression", rows(10, 3));        // 160 bytes
        datasets.put("synthetic:linear?n=10&d=3", rows(10, 3));                  // generated again in the task
        datasets.put("csv:/data/large.csv?task=regression", rows(100, 3));       // 1,600 bytes: over what is left
        datasets.put("sklearn:iris?dir=/data&checksum=verify", rows(20, 3));     // 320 bytes: still fits
        Map<String, ShippedDataset> sent = DataShipping.select(datasets, 500);
        assertEquals(List.of("csv:/data/small.csv?task=regression", "sklearn:iris?dir=/data&checksum=verify"), List.copyOf(sent.keySet()));
        assertEquals(480, sent.values().stream().mapToLong(ShippedDataset::bytes).sum());
        assertTrue(DataShipping.select(datasets, 0).isEmpty(), "a limit of 0 sends nothing");
    }

    @Test
    void aShippedDatasetArrivesBitForBit() {
        Dataset images = new Dataset(Tensor.randn(new SplittableRandom(3), 4, 1, 2, 2), Tensor.of(new float[] {0, 1, 2, Float.MIN_VALUE}, 4));
        Dataset back = ShippedDataset.of(images).dataset();
        assertArrayEquals(new int[] {4, 1, 2, 2}, back.features().shape().dims());
        assertArrayEquals(images.features().toArray(), back.features().toArray());
        assertArrayEquals(new int[] {4}, back.targets().shape().dims());
        assertArrayEquals(images.targets().toArray(), back.targets().toArray());
    }

    @Test
    void theLimitComesFromItsPropertyAndABadValueIsNamed() {
        String before = System.getProperty(DataShipping.LIMIT_PROPERTY);
        try {
            System.clearProperty(DataShipping.LIMIT_PROPERTY);
            assertEquals(DataShipping.DEFAULT_LIMIT, DataShipping.limit());
            System.setProperty(DataShipping.LIMIT_PROPERTY, "1024");
            assertEquals(1024, DataShipping.limit());
            System.setProperty(DataShipping.LIMIT_PROPERTY, "lots");
            var e = assertThrows(IllegalArgumentException.class, DataShipping::limit);
            assertEquals("-Dgradflow.spark.ship-bytes=lots: expected a number of bytes >= 0", e.getMessage());
            System.setProperty(DataShipping.LIMIT_PROPERTY, "-1");
            assertThrows(IllegalArgumentException.class, DataShipping::limit);
        } finally {
            if (before == null) System.clearProperty(DataShipping.LIMIT_PROPERTY);
            else System.setProperty(DataShipping.LIMIT_PROPERTY, before);
        }
    }
}
