package dev.gradflow.lab;

import dev.gradflow.data.Dataset;
import dev.gradflow.tensor.Tensor;
import java.io.Serializable;

/**
 * A loaded dataset as plain arrays, to travel to where a run trains (a Spark task) instead of being read there
 * again by path. {@link #dataset()} gives back exactly the tensors {@link #of} was given: same shapes, same bits.
 */
public record ShippedDataset(int[] featureShape, float[] features, int[] targetShape, float[] targets) implements Serializable {

    public static ShippedDataset of(Dataset data) {
        return new ShippedDataset(data.features().shape().dims(), data.features().detach().toArray(),
                data.targets().shape().dims(), data.targets().detach().toArray());
    }

    /**
     * The dataset, over these arrays: not copied, since datasets are only read (runs share a loaded dataset's storage
     * the same way, {@code LoadedData}).
     */
    public Dataset dataset() {
        return new Dataset(Tensor.of(features, featureShape), Tensor.of(targets, targetShape));
    }

    /** The bytes of its values, 4 per float. */
    public long bytes() {
        return 4L * (features.length + targets.length);
    }

    /** The bytes a loaded dataset would take shipped. */
    public static long bytes(Dataset data) {
        return 4L * (data.features().size() + (long) data.targets().size());
    }
}
