package dev.gradflow.spec;

import java.util.Locale;

/**
 * Refuses a model spec that cannot be built on this JVM before any of its arrays is allocated, so a typo such as
 * {@code out: 2000000} is an error naming the layer instead of an {@link OutOfMemoryError} minutes later.
 *
 * <p>Two limits. A tensor lives in one {@code float[]}, and HotSpot allocates at most 2³¹ − 9 elements in one array
 * ({@link #MAX_ELEMENTS}). And the parameters alone, 4 bytes each, must fit in the maximum heap; training needs
 * about four times that (parameters, gradients, and an optimizer such as Adam's two moments), so the message says so
 * and how to raise the heap.
 */
final class SizeLimits {
    /** The largest array HotSpot allocates (some VMs reserve header words: {@code Integer.MAX_VALUE − 8}). */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final long FLOAT_BYTES = Float.BYTES;

    private final long heapBytes;
    private long parameters;

    /** Limits for a heap of at most {@code heapBytes}. */
    SizeLimits(long heapBytes) {
        if (heapBytes <= 0) throw new IllegalArgumentException("the heap size must be positive, got " + heapBytes);
        this.heapBytes = heapBytes;
    }

    /** Limits for this JVM's maximum heap ({@link Runtime#maxMemory()}). */
    static SizeLimits ofThisJvm() {
        return new SizeLimits(Runtime.getRuntime().maxMemory());
    }

    /**
     * The element count of a tensor of shape {@code dims}.
     *
     * @throws IllegalArgumentException naming {@code what} when it exceeds {@link #MAX_ELEMENTS}
     */
    static int elements(String what, long... dims) {
        long n = 1;
        for (long d : dims) {
            if (d != 0 && n > MAX_ELEMENTS / d) {
                throw new IllegalArgumentException(what + " " + java.util.Arrays.toString(dims) + " would hold more than "
                        + MAX_ELEMENTS + " elements, the most one Java array holds");
            }
            n *= d;
        }
        return (int) n;
    }

    /**
     * Counts a parameter tensor of shape {@code dims} towards the model's total.
     *
     * @throws IllegalArgumentException naming {@code what} when the tensor or the running total is too large
     */
    void parameter(String what, long... dims) {
        parameters += elements(what, dims);
        if (parameters * FLOAT_BYTES > heapBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s %s brings the model to %,d parameters, %s as float32, more than the JVM's maximum heap of %s"
                            + " (training needs about 4 times the parameters' size: gradients and optimizer state);"
                            + " use smaller layers, or raise the heap (-Xmx, e.g. GRADFLOW_JAVA_OPTS=-Xmx16g for ./gradflow)",
                    what, java.util.Arrays.toString(dims), parameters, bytes(parameters * FLOAT_BYTES), bytes(heapBytes)));
        }
    }

    /** The parameters counted so far. */
    long parameters() {
        return parameters;
    }

    private static String bytes(long n) {
        if (n >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
        return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
    }
}
