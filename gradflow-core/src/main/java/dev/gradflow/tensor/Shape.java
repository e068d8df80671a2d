package dev.gradflow.tensor;

import java.util.Arrays;

/**
 * The dimensions of a row-major contiguous tensor. Immutable; a rank-0 shape ({@code []}) is a scalar.
 *
 * <p>For shape (d₀, …, d_{r−1}) the element at index (i₀, …, i_{r−1}) sits at offset Σ_k i_k·s_k, where the
 * strides are s_{r−1} = 1 and s_k = s_{k+1}·d_{k+1}.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("negative dimension " + dims[i] + " at axis " + i + " in " + Arrays.toString(dims));
            }
            n *= dims[i];
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than 2^31 elements");
            }
        }
        this.dims = dims;
        this.size = (int) n;
    }

    /** A shape with the given dimensions (copied). */
    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    public static Shape scalar() {
        return SCALAR;
    }

    public int rank() {
        return dims.length;
    }

    /** Number of elements: the product of the dimensions (1 for a scalar). */
    public int size() {
        return size;
    }

    /** Dimension at {@code axis}; negative axes count from the end as in PyTorch. */
    public int dim(int axis) {
        return dims[normalizeAxis(axis)];
    }

    /** Maps a possibly negative axis into [0, rank), or throws naming the shape. */
    public int normalizeAxis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + this);
        }
        return a;
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Row-major strides in elements. */
    public int[] strides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** Product of the dimensions before {@code axis}. */
    public int outerSize(int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) n *= dims[i];
        return n;
    }

    /** Product of the dimensions after {@code axis}. */
    public int innerSize(int axis) {
        int n = 1;
        for (int i = axis + 1; i < dims.length; i++) n *= dims[i];
        return n;
    }

    /** This shape with {@code axis} removed (or set to 1 when {@code keepDim}). */
    public Shape reduce(int axis, boolean keepDim) {
        int a = normalizeAxis(axis);
        if (keepDim) {
            int[] d = dims.clone();
            d[a] = 1;
            return new Shape(d);
        }
        int[] d = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != a) d[j++] = dims[i];
        }
        return d.length == 0 ? SCALAR : new Shape(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
