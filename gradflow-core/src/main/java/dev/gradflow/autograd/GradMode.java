package dev.gradflow.autograd;

/**
 * Whether operations on the current thread record a graph for backpropagation. Thread-local, so parallel
 * training runs (one per thread) never see each other's setting.
 *
 * <pre>{@code
 * try (var scope = GradMode.noGrad()) {
 *     Tensor prediction = model.forward(x);   // no graph is recorded
 * }
 * }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {}

    /** True when new operations record their backward rule. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Disables recording until the returned scope is closed; scopes nest. */
    public static Scope noGrad() {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = false;
        return () -> flag[0] = previous;
    }

    /** A scope that restores the previous mode when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
