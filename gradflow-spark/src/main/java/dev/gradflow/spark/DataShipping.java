package dev.gradflow.spark;

import dev.gradflow.data.Dataset;
import dev.gradflow.data.DatasetSource;
import dev.gradflow.lab.ShippedDataset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which datasets travel with the tasks. The driver has loaded every dataset of the experiment already (to check each
 * model against its data before anything trains); file datasets whose values take at most {@link #limit()} bytes
 * in all are broadcast to the executors — Spark sends a broadcast once per executor, not once per task — and the
 * tasks train on them as they are. Larger file datasets are read by path in each task, so that path must be
 * readable on every executor, as with any Spark job. Synthetic datasets are never sent: a task generates them again
 * from their URI and seed, which is cheaper than sending them and gives the same values.
 */
final class DataShipping {
    /** The system property that sets the limit in bytes; 0 sends nothing. */
    static final String LIMIT_PROPERTY = "gradflow.spark.ship-bytes";
    /** 32 MiB: Fashion-MNIST's or MNIST's test split (31.4 MB as float32) travels, a training split (188 MB) does not. */
    static final long DEFAULT_LIMIT = 32L << 20;

    private DataShipping() {}

    /**
     * The limit from {@link #LIMIT_PROPERTY}, else {@link #DEFAULT_LIMIT}.
     *
     * @throws IllegalArgumentException naming the property when its value is not a number of bytes ≥ 0
     */
    static long limit() {
        String value = System.getProperty(LIMIT_PROPERTY);
        if (value == null || value.isBlank()) return DEFAULT_LIMIT;
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes >= 0) return bytes;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + LIMIT_PROPERTY + "=" + value + ": expected a number of bytes >= 0");
    }

    /**
     * The file datasets to send, by URI, in the order given, while their total stays within {@code limitBytes}; a
     * dataset that would pass the limit is left to be read by path, and smaller ones after it may still go.
     */
    static Map<String, ShippedDataset> select(Map<String, Dataset> datasets, long limitBytes) {
        Map<String, ShippedDataset> out = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Dataset> e : datasets.entrySet()) {
            if (DatasetSource.parse(e.getKey(), Path.of(".")) instanceof DatasetSource.Synthetic) continue;
            long bytes = ShippedDataset.bytes(e.getValue());
            if (total + bytes > limitBytes) continue;
            total += bytes;
            out.put(e.getKey(), ShippedDataset.of(e.getValue()));
        }
        return out;
    }
}
