package dev.gradflow.autograd;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** Reshape, concatenation, row slicing and row gathering. Their backward rules route gradients back unchanged. */
public final class ShapeOps {
    private ShapeOps() {}

    /**
     * The same elements in a new shape (one dimension may be −1 and is inferred). Shares the storage: row-major
     * order does not change.
     */
    public static Tensor reshape(Tensor x, int... dims) {
        int[] d = dims.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape: only one dimension can be -1 in " + Arrays.toString(dims));
                infer = i;
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || x.size() % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + x.shape() + " (" + x.size() + " elements) to " + Arrays.toString(dims));
            }
            d[infer] = (int) (x.size() / known);
        }
        Shape shape = Shape.of(d);
        if (shape.size() != x.size()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + x.shape() + " (" + x.size() + " elements) to " + shape);
        }
        return Tensor.fromOp(shape, x.data(), "reshape", g -> {
            float[] gx = x.gradBuffer();
            for (int i = 0; i < gx.length; i++) gx[i] += g[i];
        }, x);
    }

    /** Concatenation along {@code axis}; all other dimensions must agree. Backward slices the gradient apart. */
    public static Tensor concat(List<Tensor> inputs, int axis) {
        // A private copy: the backward rule runs later, and the caller may change its list meanwhile.
        List<Tensor> parts = List.copyOf(inputs);
        if (parts.isEmpty()) throw new IllegalArgumentException("concat: no tensors given");
        Shape first = parts.get(0).shape();
        int a = first.normalizeAxis(axis);
        int outer = first.outerSize(a);
        int inner = first.innerSize(a);
        int total = 0;
        for (Tensor t : parts) {
            Shape s = t.shape();
            boolean ok = s.rank() == first.rank();
            for (int i = 0; ok && i < s.rank(); i++) ok = i == a || s.dim(i) == first.dim(i);
            if (!ok) {
                throw new IllegalArgumentException("concat: shape " + s + " does not match " + first + " outside axis " + axis);
            }
            total += s.dim(a);
        }
        int[] outDims = first.dims();
        outDims[a] = total;
        float[] y = new float[outer * total * inner];
        int[] starts = new int[parts.size()];
        int start = 0;
        for (int p = 0; p < parts.size(); p++) {
            Tensor t = parts.get(p);
            int width = t.dim(a) * inner;
            starts[p] = start;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(t.data(), o * width, y, o * total * inner + start, width);
            }
            start += width;
        }
        int rowWidth = total * inner;
        return Tensor.fromOp(Shape.of(outDims), y, "concat", g -> {
            for (int p = 0; p < parts.size(); p++) {
                Tensor t = parts.get(p);
                if (!t.requiresGrad()) continue;
                float[] gx = t.gradBuffer();
                int width = t.dim(a) * inner;
                for (int o = 0; o < outer; o++) {
                    int src = o * rowWidth + starts[p];
                    int dst = o * width;
                    for (int i = 0; i < width; i++) gx[dst + i] += g[src + i];
                }
            }
        }, parts.toArray(new Tensor[0]));
    }

    /** Rows [from, to) along axis 0 (a copy). */
    public static Tensor sliceRows(Tensor x, int from, int to) {
        if (x.rank() == 0 || from < 0 || to > x.dim(0) || from > to) {
            throw new IllegalArgumentException("slice: rows [" + from + ", " + to + ") out of range for shape " + x.shape());
        }
        int inner = x.shape().innerSize(0);
        int[] dims = x.dims();
        dims[0] = to - from;
        float[] y = Arrays.copyOfRange(x.data(), from * inner, to * inner);
        return Tensor.fromOp(Shape.of(dims), y, "slice_rows", g -> {
            float[] gx = x.gradBuffer();
            int base = from * inner;
            for (int i = 0; i < g.length; i++) gx[base + i] += g[i];
        }, x);
    }

    /** Gathers rows along axis 0 (torch.index_select(x, 0, rows)); repeated rows accumulate their gradients. */
    public static Tensor indexSelectRows(Tensor x, int[] rows) {
        if (x.rank() == 0) throw new IllegalArgumentException("index_select: needs rank >= 1, got a scalar");
        int inner = x.shape().innerSize(0);
        int n = x.dim(0);
        int[] idx = rows.clone();
        float[] y = new float[idx.length * inner];
        for (int r = 0; r < idx.length; r++) {
            if (idx[r] < 0 || idx[r] >= n) {
                throw new IndexOutOfBoundsException("index_select: row " + idx[r] + " (position " + r + ") out of range for shape " + x.shape());
            }
            System.arraycopy(x.data(), idx[r] * inner, y, r * inner, inner);
        }
        int[] dims = x.dims();
        dims[0] = idx.length;
        return Tensor.fromOp(Shape.of(dims), y, "index_select", g -> {
            float[] gx = x.gradBuffer();
            for (int r = 0; r < idx.length; r++) {
                int dst = idx[r] * inner;
                int src = r * inner;
                for (int i = 0; i < inner; i++) gx[dst + i] += g[src + i];
            }
        }, x);
    }
}
