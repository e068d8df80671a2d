package dev.gradflow.modelio;

import dev.gradflow.tensor.Tensor;

/**
 * A tensor as stored in a file: its values (float32, as every gradflow tensor) and the dtype it has (or gets) on
 * disk. Reading converts every dtype to float32 and keeps the dtype here, so a caller can tell an {@code I64}
 * counter from an {@code F32} weight; writing encodes the values in the dtype (see {@link Dtype}).
 */
public record StoredTensor(Dtype dtype, Tensor values) {

    public StoredTensor {
        if (dtype == null || values == null) throw new IllegalArgumentException("stored tensor: dtype and values must be given");
    }

    /** {@code values} stored as F32, gradflow's own type. */
    public static StoredTensor f32(Tensor values) {
        return new StoredTensor(Dtype.F32, values);
    }
}
