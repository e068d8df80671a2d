package dev.gradflow.autograd;

import dev.gradflow.tensor.Shape;

/**
 * NumPy/PyTorch broadcasting: shapes are aligned at their trailing dimensions, and two dimensions are compatible
 * when equal or when one of them is 1 (a missing leading dimension counts as 1). The result takes the larger of
 * each pair. In the backward pass the gradient of a broadcast input is the output gradient summed over every
 * dimension along which that input was repeated.
 */
final class Broadcasting {
    private Broadcasting() {}

    /** The broadcast shape of a and b, or an exception naming the op and both shapes. */
    static Shape shape(String op, Shape a, Shape b) {
        if (a.equals(b)) return a;
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = dimFromEnd(a, rank - 1 - i);
            int db = dimFromEnd(b, rank - 1 - i);
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + a + " and " + b + " cannot be broadcast together"
                        + " (dimension " + i + " of the result: " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return Shape.of(out);
    }

    private static int dimFromEnd(Shape s, int fromEnd) {
        int axis = s.rank() - 1 - fromEnd;
        return axis < 0 ? 1 : s.dim(axis);
    }

    /** Strides of {@code in} laid over the axes of {@code out}: 0 where {@code in} is repeated. */
    private static int[] strides(Shape in, Shape out) {
        int rank = out.rank();
        int[] inStrides = in.strides();
        int[] s = new int[rank];
        int shift = rank - in.rank();
        for (int i = shift; i < rank; i++) {
            s[i] = in.dim(i - shift) == 1 ? 0 : inStrides[i - shift];
        }
        return s;
    }

    /** {@code data} of shape {@code in} repeated to shape {@code out} (a copy; the same array when shapes match). */
    static float[] expand(float[] data, Shape in, Shape out) {
        if (in.equals(out)) return data;
        float[] y = new float[out.size()];
        int[] dims = out.dims();
        int[] s = strides(in, out);
        int[] idx = new int[dims.length];
        int offset = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = data[offset];
            for (int d = dims.length - 1; d >= 0; d--) {
                offset += s[d];
                if (++idx[d] < dims[d]) break;
                offset -= s[d] * dims[d];
                idx[d] = 0;
            }
        }
        return y;
    }

    /** target += g summed down from shape {@code out} to the broadcast input shape {@code in}. */
    static void accumulate(float[] g, Shape out, Shape in, float[] target) {
        if (in.equals(out)) {
            for (int i = 0; i < g.length; i++) target[i] += g[i];
            return;
        }
        int[] dims = out.dims();
        int[] s = strides(in, out);
        int[] idx = new int[dims.length];
        int offset = 0;
        for (int i = 0; i < g.length; i++) {
            target[offset] += g[i];
            for (int d = dims.length - 1; d >= 0; d--) {
                offset += s[d];
                if (++idx[d] < dims[d]) break;
                offset -= s[d] * dims[d];
                idx[d] = 0;
            }
        }
    }
}
