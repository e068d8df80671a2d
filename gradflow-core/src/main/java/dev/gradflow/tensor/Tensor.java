package dev.gradflow.tensor;

import dev.gradflow.autograd.BackwardPass;
import dev.gradflow.autograd.Elementwise;
import dev.gradflow.autograd.GradMode;
import dev.gradflow.autograd.MatrixOps;
import dev.gradflow.autograd.Node;
import dev.gradflow.autograd.Pointwise;
import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.autograd.Reductions;
import dev.gradflow.autograd.ShapeOps;
import dev.gradflow.autograd.SoftmaxOps;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * A float32 tensor of any rank stored row-major in one contiguous {@code float[]}, with reverse-mode autograd.
 *
 * <p>A tensor is a leaf (created by the user, e.g. a parameter) or the result of an op. When any input of an op
 * requires a gradient and {@link GradMode} is enabled, the result records a {@link Node} holding the op's backward
 * rule; {@link #backward()} walks those nodes in reverse. Leaves accumulate their gradient in {@link #grad()}
 * across backward passes until {@link #zeroGrad()}, as in PyTorch.
 *
 * <p>{@link #data()} exposes the storage itself, without a copy, for kernels, optimizers and probes. Writing to it
 * while it takes part in a recorded graph invalidates the gradients (as an in-place op would in PyTorch).
 *
 * <p>Inside a {@link StepMemory} scope, op results borrow their storage from a per-thread pool and become invalid
 * when the scope closes (reading them then throws); see there.
 */
public final class Tensor {
    private static final AtomicInteger VISIT_MARKS = new AtomicInteger();

    private final Shape shape;
    /** The storage; null once a {@link StepMemory} scope that lent it has closed. */
    private float[] data;
    private boolean requiresGrad;
    private boolean retainGrad;
    private float[] grad;
    /** {@link #zeroGrad()} was called: {@code grad} holds stale values that read as zero (filled on access). */
    private boolean gradStale;
    /** Where {@code grad} came from: the thread's pool (returned in releaseGraph), a step scope, or its own. */
    private GradSource gradSource = GradSource.OWN;
    /** Created by an op (or as a view of such a result) inside an open {@link StepMemory} scope. */
    private boolean stepScoped;
    private Tensor gradView;
    private Node gradFn;
    private int visitMark;

    private Tensor(Shape shape, float[] data) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("data has " + data.length + " elements but shape " + shape + " needs " + shape.size());
        }
        this.shape = shape;
        this.data = data;
    }

    // ---------------------------------------------------------------- creation

    /** Wraps {@code data} (not copied) as a tensor of the given shape. */
    public static Tensor of(float[] data, int... dims) {
        return new Tensor(Shape.of(dims), data);
    }

    /** Wraps {@code data} (not copied) as a tensor of the given shape. */
    public static Tensor of(float[] data, Shape shape) {
        return new Tensor(shape, data);
    }

    /** A 1-D tensor holding a copy of {@code values}. */
    public static Tensor vector(float... values) {
        return new Tensor(Shape.of(values.length), values.clone());
    }

    /** A 2-D tensor from rows of equal length (copied). */
    public static Tensor matrix(float[][] rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        float[] d = new float[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " columns but row 0 has " + c);
            }
            System.arraycopy(rows[i], 0, d, i * c, c);
        }
        return new Tensor(Shape.of(r, c), d);
    }

    public static Tensor scalar(float value) {
        return new Tensor(Shape.scalar(), new float[] {value});
    }

    public static Tensor zeros(int... dims) {
        Shape s = Shape.of(dims);
        return new Tensor(s, new float[s.size()]);
    }

    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, new float[shape.size()]);
    }

    public static Tensor ones(int... dims) {
        return full(1f, dims);
    }

    public static Tensor full(float value, int... dims) {
        Shape s = Shape.of(dims);
        float[] d = new float[s.size()];
        Arrays.fill(d, value);
        return new Tensor(s, d);
    }

    /** 0, 1, …, n−1 as a 1-D tensor. */
    public static Tensor arange(int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = i;
        return new Tensor(Shape.of(n), d);
    }

    /** start, start+step, … up to but excluding end, as torch.arange(start, end, step). */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || Float.isNaN(step)) throw new IllegalArgumentException("arange step must be non-zero, got " + step);
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = start + i * step;
        return new Tensor(Shape.of(n), d);
    }

    /** Samples from U[low, high) drawn from {@code random} in row-major order. */
    public static Tensor uniform(RandomGenerator random, float low, float high, int... dims) {
        Shape s = Shape.of(dims);
        float[] d = new float[s.size()];
        for (int i = 0; i < d.length; i++) d[i] = low + (high - low) * random.nextFloat();
        return new Tensor(s, d);
    }

    /** Samples from U[0, 1). */
    public static Tensor rand(RandomGenerator random, int... dims) {
        return uniform(random, 0f, 1f, dims);
    }

    /** Samples from N(mean, std²) drawn from {@code random} in row-major order. */
    public static Tensor normal(RandomGenerator random, float mean, float std, int... dims) {
        Shape s = Shape.of(dims);
        float[] d = new float[s.size()];
        for (int i = 0; i < d.length; i++) d[i] = (float) (mean + std * random.nextGaussian());
        return new Tensor(s, d);
    }

    /** Samples from N(0, 1). */
    public static Tensor randn(RandomGenerator random, int... dims) {
        return normal(random, 0f, 1f, dims);
    }

    /** The result of an op: records {@code backward} when grad mode is on and some input requires a gradient. */
    public static Tensor fromOp(Shape shape, float[] data, String op, Node.Backward backward, Tensor... inputs) {
        Tensor out = new Tensor(shape, data);
        StepMemory.State memory = StepMemory.openState();
        if (memory != null) {
            memory.track(out);
            out.stepScoped = true;
        }
        if (GradMode.isEnabled()) {
            for (Tensor input : inputs) {
                if (input.requiresGrad) {
                    out.requiresGrad = true;
                    out.gradFn = new Node(op, backward, inputs);
                    break;
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- accessors

    public Shape shape() {
        return shape;
    }

    public int[] dims() {
        return shape.dims();
    }

    public int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** Dimension at {@code axis} (negative counts from the end). */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /** The storage itself, row-major; not a copy. */
    public float[] data() {
        float[] d = data;
        if (d == null) throw invalidated();
        return d;
    }

    /** A copy of the storage. */
    public float[] toArray() {
        return data().clone();
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (shape.size() != 1) throw new IllegalStateException("item() needs one element but shape is " + shape);
        return data()[0];
    }

    /** The element at the given index (one entry per axis). */
    public float get(int... index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length + " entries for shape " + shape);
        }
        int[] strides = shape.strides();
        int offset = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape.dim(i)) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of bounds for shape " + shape);
            }
            offset += index[i] * strides[i];
        }
        return data()[offset];
    }

    // ---------------------------------------------------------------- autograd state

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as a variable whose gradient is wanted. Returns this. */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null && !value) {
            throw new IllegalStateException("cannot clear requiresGrad on a non-leaf (result of " + gradFn.op() + "); use detach()");
        }
        this.requiresGrad = value;
        return this;
    }

    /** True when this tensor was created by the user rather than recorded as the result of an op. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The op that produced this tensor, or null for a leaf (or a result computed without grad). */
    public Node gradFn() {
        return gradFn;
    }

    /** Keeps this non-leaf tensor's gradient after backward (as torch's retain_grad()). Returns this. */
    public Tensor retainGrad() {
        this.retainGrad = true;
        return this;
    }

    /** The accumulated gradient ∂L/∂this, or null if none has been computed. Shares storage with the gradient. */
    public Tensor grad() {
        float[] g = gradBufferOrNull();
        if (g == null) return null;
        if (gradView == null || gradView.data != g) {
            gradView = new Tensor(shape, g);
            if (gradSource == GradSource.STEP_SCOPE) scopeView(gradView);
        }
        return gradView;
    }

    /** The gradient storage, allocated (zero) on first use. For backward rules and optimizers. */
    public float[] gradBuffer() {
        if (grad == null) {
            grad = allocateGrad();
            if (gradSource != GradSource.OWN) Arrays.fill(grad, 0f);
        } else if (gradStale) {
            Arrays.fill(grad, 0f);
        }
        gradStale = false;
        return grad;
    }

    /** The gradient storage, or null when no gradient has reached this tensor. */
    public float[] gradBufferOrNull() {
        if (gradStale) {
            Arrays.fill(grad, 0f);
            gradStale = false;
        }
        return grad;
    }

    /**
     * True when nothing has been accumulated into the gradient since it was created or last {@link #zeroGrad()
     * zeroed}: a backward rule that computes its whole contribution at once may then write it with
     * {@link #gradBufferForOverwrite()} instead of adding it to zeros.
     */
    public boolean gradIsZero() {
        return grad == null || gradStale;
    }

    /**
     * The gradient storage for a backward rule that writes every element (=, not +=), without zeroing it first.
     * Only allowed while {@link #gradIsZero()}; afterwards the gradient holds whatever the rule wrote.
     *
     * @throws IllegalStateException if a gradient has already been accumulated
     */
    public float[] gradBufferForOverwrite() {
        if (!gradIsZero()) {
            throw new IllegalStateException("gradBufferForOverwrite: the gradient of " + shape + " already holds a contribution; accumulate instead");
        }
        if (grad == null) grad = allocateGrad();
        gradStale = false;
        return grad;
    }

    /**
     * Sets the gradient to zero, keeping its buffer for reuse. The buffer is filled when it is next read, and not at
     * all when a backward rule overwrites it ({@link #gradBufferForOverwrite()}).
     */
    public void zeroGrad() {
        if (grad != null) gradStale = true;
    }

    /** New gradient storage (contents undefined unless {@code gradSource} is OWN), recording where it came from. */
    private float[] allocateGrad() {
        int n = shape.size();
        StepMemory.State memory = gradFn == null ? null : StepMemory.openState();
        if (memory == null) {
            gradSource = GradSource.OWN;
            return new float[n];
        }
        if (retainGrad) {
            gradSource = GradSource.STEP_SCOPE;
            return memory.lend(n);
        }
        gradSource = GradSource.POOL;
        return memory.pool.take(n);
    }

    /** Backpropagates from this scalar: afterwards every leaf that requires grad holds ∂this/∂leaf in grad(). */
    public void backward() {
        BackwardPass.run(this);
    }

    /** Backpropagates with an explicit seed ∂L/∂this (vector-Jacobian product). */
    public void backward(Tensor seed) {
        if (!seed.shape.equals(shape)) {
            throw new IllegalArgumentException("backward seed has shape " + seed.shape + " but the tensor has shape " + shape);
        }
        BackwardPass.run(this, seed.data());
    }

    /**
     * A tensor sharing this one's storage but cut from the graph (requiresGrad false). The view of a result made
     * inside a {@link StepMemory} scope is invalidated with it.
     */
    public Tensor detach() {
        Tensor view = new Tensor(shape, data());
        if (stepScoped) scopeView(view);
        return view;
    }

    /** A copy of the storage, cut from the graph (never invalidated by a {@link StepMemory} scope). */
    public Tensor copy() {
        return new Tensor(shape, data().clone());
    }

    /**
     * Called by the backward pass once this node has propagated: frees the graph behind it. The gradient of an
     * intermediate tensor is dropped (unless retained) and, when it came from the step pool, returned to it.
     */
    public void releaseGraph() {
        gradFn = null;
        if (!retainGrad && grad != null) {
            if (gradSource == GradSource.POOL) {
                StepMemory.State memory = StepMemory.openState();
                if (memory != null) memory.pool.give(grad);
            }
            grad = null;
            gradStale = false;
            gradSource = GradSource.OWN;
        }
    }

    /** Registers a view of scoped storage with the open scope, so that it is invalidated with the storage. */
    private static void scopeView(Tensor view) {
        StepMemory.State memory = StepMemory.openState();
        if (memory != null) {
            memory.track(view);
            view.stepScoped = true;
        }
    }

    /** Called when the {@link StepMemory} scope this result was created in closes. */
    void invalidate() {
        data = null;
        grad = null;
        gradView = null;
        gradFn = null;
        gradStale = false;
        gradSource = GradSource.OWN;
    }

    private IllegalStateException invalidated() {
        return new IllegalStateException("tensor " + shape + " was the result of an op inside a training step whose memory has been"
                + " reused (its StepMemory scope closed); copy() what must outlive the step before it ends");
    }

    /** Where a tensor's gradient storage came from. */
    private enum GradSource { OWN, POOL, STEP_SCOPE }

    public static int nextVisitMark() {
        return VISIT_MARKS.incrementAndGet();
    }

    public int visitMark() {
        return visitMark;
    }

    public void setVisitMark(int mark) {
        this.visitMark = mark;
    }

    // ---------------------------------------------------------------- ops (each documented where it is defined)

    public Tensor add(Tensor other) { return Elementwise.add(this, other); }
    public Tensor sub(Tensor other) { return Elementwise.sub(this, other); }
    public Tensor mul(Tensor other) { return Elementwise.mul(this, other); }
    public Tensor div(Tensor other) { return Elementwise.div(this, other); }
    public Tensor add(float c) { return Elementwise.addScalar(this, c); }
    public Tensor mul(float c) { return Elementwise.mulScalar(this, c); }
    public Tensor neg() { return Pointwise.apply(PointwiseFunction.Neg.INSTANCE, this); }
    public Tensor exp() { return Pointwise.apply(PointwiseFunction.Exp.INSTANCE, this); }
    public Tensor log() { return Pointwise.apply(PointwiseFunction.Log.INSTANCE, this); }
    public Tensor sqrt() { return Pointwise.apply(PointwiseFunction.Sqrt.INSTANCE, this); }
    public Tensor abs() { return Pointwise.apply(PointwiseFunction.Abs.INSTANCE, this); }
    public Tensor square() { return Pointwise.apply(PointwiseFunction.Square.INSTANCE, this); }
    public Tensor pow(float exponent) { return Pointwise.apply(new PointwiseFunction.Pow(exponent), this); }
    public Tensor clamp(float min, float max) { return Pointwise.apply(new PointwiseFunction.Clamp(min, max), this); }
    public Tensor apply(PointwiseFunction f) { return Pointwise.apply(f, this); }
    public Tensor sigmoid() { return Pointwise.apply(PointwiseFunction.Sigmoid.INSTANCE, this); }
    public Tensor tanh() { return Pointwise.apply(PointwiseFunction.Tanh.INSTANCE, this); }
    public Tensor relu() { return Pointwise.apply(PointwiseFunction.Relu.INSTANCE, this); }

    public Tensor matmul(Tensor other) { return MatrixOps.matmul(this, other); }
    /** 2-D transpose. */
    public Tensor transpose() { return MatrixOps.transpose(this); }

    public Tensor sum() { return Reductions.sum(this); }
    public Tensor sum(int axis, boolean keepDim) { return Reductions.sum(this, axis, keepDim); }
    public Tensor mean() { return Reductions.mean(this); }
    public Tensor mean(int axis, boolean keepDim) { return Reductions.mean(this, axis, keepDim); }
    public Tensor max() { return Reductions.max(this); }
    public Tensor max(int axis, boolean keepDim) { return Reductions.max(this, axis, keepDim); }

    public Tensor reshape(int... dims) { return ShapeOps.reshape(this, dims); }
    public Tensor rows(int from, int to) { return ShapeOps.sliceRows(this, from, to); }
    public Tensor indexSelect(int[] rows) { return ShapeOps.indexSelectRows(this, rows); }

    public Tensor softmax(int axis) { return SoftmaxOps.softmax(this, axis); }
    public Tensor logSoftmax(int axis) { return SoftmaxOps.logSoftmax(this, axis); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append(' ');
        if (data == null) return sb.append("[invalidated: its step's memory was reused]").toString();
        int n = Math.min(data.length, 8);
        sb.append('[');
        for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : ", ").append(data[i]);
        if (data.length > n) sb.append(", …");
        sb.append(']');
        if (gradFn != null) sb.append(" gradFn=").append(gradFn.op());
        else if (requiresGrad) sb.append(" requiresGrad");
        return sb.toString();
    }
}
