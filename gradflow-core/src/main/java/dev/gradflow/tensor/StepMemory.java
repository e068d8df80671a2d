package dev.gradflow.tensor;

import java.util.Arrays;

/**
 * Reuses the memory of op results and intermediate gradients from one training step to the next, so that steps
 * of a fixed model on batches of a fixed shape allocate no float arrays once warm (no zeroing of fresh memory, no
 * garbage for the collector).
 *
 * <p>While a scope is open on a thread:
 * <ul>
 *   <li>ops take the storage of their results from the thread's pool ({@link #borrow});</li>
 *   <li>the gradient of an intermediate tensor (not a leaf, not {@link Tensor#retainGrad retained}) comes from the
 *       pool and goes back as soon as the backward pass has propagated it; a retained gradient stays until the
 *       scope closes;</li>
 *   <li>{@link #close()} returns all of it to the pool and <em>invalidates</em> every tensor an op created inside
 *       the scope: reading one afterwards throws an IllegalStateException instead of showing recycled numbers.
 *       {@link Tensor#copy()} what must outlive the step (a loss value, a prediction).</li>
 * </ul>
 * Leaves (parameters, inputs, {@code Tensor.of}, {@code copy()}) and their gradients never come from the pool.
 * Outside any scope nothing changes: every result gets a fresh array. Scopes nest (an inner scope returns only
 * what was borrowed since it opened) and must be closed on the thread that opened them, innermost first:
 *
 * <pre>{@code
 * try (StepMemory step = StepMemory.open()) {
 *     optimizer.zeroGrad();
 *     Tensor loss = lossFunction.compute(model.forward(x), y);
 *     loss.backward();
 *     lossValue = loss.item();
 *     optimizer.step();
 * }
 * }</pre>
 * The pool keeps what the last steps used (at most {@link FloatPool#DEFAULT_CAPACITY_FLOATS} floats per thread);
 * {@link #releasePool()} hands it to the garbage collector when training ends.
 */
public final class StepMemory implements AutoCloseable {
    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private final State state;
    private final Thread owner;
    private final int depth;
    private final int lentMark;
    private final int resultMark;
    private boolean closed;

    /** One thread's pool and the arrays and results of its open scopes, in order. */
    static final class State {
        final FloatPool pool = new FloatPool(FloatPool.DEFAULT_CAPACITY_FLOATS);
        int depth;
        float[][] lent = new float[64][];
        int lentCount;
        Tensor[] results = new Tensor[64];
        int resultCount;

        boolean open() {
            return depth > 0;
        }

        float[] lend(int length) {
            float[] array = pool.take(length);
            if (lentCount == lent.length) lent = Arrays.copyOf(lent, 2 * lentCount);
            lent[lentCount++] = array;
            return array;
        }

        void track(Tensor result) {
            if (resultCount == results.length) results = Arrays.copyOf(results, 2 * resultCount);
            results[resultCount++] = result;
        }
    }

    private StepMemory(State state, int depth) {
        this.state = state;
        this.owner = Thread.currentThread();
        this.depth = depth;
        this.lentMark = state.lentCount;
        this.resultMark = state.resultCount;
    }

    /** Opens a scope on the calling thread. */
    public static StepMemory open() {
        State s = STATE.get();
        s.depth++;
        return new StepMemory(s, s.depth);
    }

    /** True when a scope is open on the calling thread. */
    public static boolean isOpen() {
        return STATE.get().open();
    }

    /**
     * Storage for an op's result of {@code length} floats: from the pool while a scope is open (its contents are
     * then undefined: the op must write every element), else a new zeroed array.
     */
    public static float[] borrow(int length) {
        State s = STATE.get();
        return s.open() ? s.lend(length) : new float[length];
    }

    /** Drops the calling thread's pooled arrays (for when training is over). */
    public static void releasePool() {
        STATE.get().pool.clear();
    }

    /** Floats held in the calling thread's pool, for tests and measurements. */
    public static long pooledFloats() {
        return STATE.get().pool.pooledFloats();
    }

    /**
     * How many arrays the calling thread's pool has created so far because none of the asked length was free; in
     * steady state (same model, same batch shape) this stops growing.
     */
    public static long arraysCreated() {
        return STATE.get().pool.created();
    }

    /** The calling thread's state when a scope is open, else null (for {@link Tensor}). */
    static State openState() {
        State s = STATE.get();
        return s.open() ? s : null;
    }

    /**
     * Invalidates the tensors ops created since this scope opened and returns their storage (and retained
     * gradients) to the pool.
     *
     * @throws IllegalStateException if called on another thread, or while a scope opened after this one is open
     */
    @Override
    public void close() {
        if (closed) return;
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("step memory: a scope must be closed on the thread that opened it (" + owner.getName() + ")");
        }
        if (state.depth != depth) {
            throw new IllegalStateException("step memory: closing a scope while " + (state.depth - depth)
                    + " scope(s) opened after it are still open; close the innermost first");
        }
        closed = true;
        for (int i = resultMark; i < state.resultCount; i++) {
            state.results[i].invalidate();
            state.results[i] = null;
        }
        state.resultCount = resultMark;
        for (int i = lentMark; i < state.lentCount; i++) {
            state.pool.give(state.lent[i]);
            state.lent[i] = null;
        }
        state.lentCount = lentMark;
        state.depth--;
    }
}
