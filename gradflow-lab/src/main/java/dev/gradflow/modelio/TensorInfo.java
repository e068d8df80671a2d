package dev.gradflow.modelio;

import dev.gradflow.tensor.Shape;

/**
 * One tensor entry of a safetensors header: {@code "name": {"dtype": "F32", "shape": [..], "data_offsets": [begin,
 * end]}}. The offsets count bytes from the start of the data section (the byte after the header); the tensor's
 * row-major little-endian elements fill [begin, end), so end − begin = product(shape) · dtype size.
 */
public record TensorInfo(String name, Dtype dtype, Shape shape, long begin, long end) {

    public TensorInfo {
        if (name == null || dtype == null || shape == null) throw new IllegalArgumentException("tensor info: name, dtype and shape must be given");
        if (begin < 0 || end < begin) throw new IllegalArgumentException("tensor '" + name + "': bad data offsets [" + begin + ", " + end + "]");
        if (end - begin != (long) shape.size() * dtype.byteSize()) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + shape + " of " + dtype + " needs "
                    + (long) shape.size() * dtype.byteSize() + " bytes, not " + (end - begin));
        }
    }

    /** end − begin. */
    public long byteLength() {
        return end - begin;
    }
}
