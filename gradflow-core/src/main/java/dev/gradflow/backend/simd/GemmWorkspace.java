package dev.gradflow.backend.simd;

/**
 * One thread's GEMM buffers, grown on demand and reused across calls, so that a product allocates nothing in steady
 * state: packed slices of op(A) and op(B) and a scratch tile for the edges. {@link #own()} is the thread's buffers
 * for its own packing; {@link #shared()} holds the operands a calling thread packs once for all threads of a
 * parallel product (the caller owns them for the duration of that call; workers fill and read them).
 */
final class GemmWorkspace {
    private static final ThreadLocal<GemmWorkspace> OWN = ThreadLocal.withInitial(GemmWorkspace::new);
    private static final ThreadLocal<GemmWorkspace> SHARED = ThreadLocal.withInitial(GemmWorkspace::new);

    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    /** Scratch for edge tiles, MR×NR. */
    final float[] tile = new float[GemmMicroKernels.MR * GemmMicroKernels.NR];

    private GemmWorkspace() {}

    /** This thread's buffers for the packing it does itself. */
    static GemmWorkspace own() {
        return OWN.get();
    }

    /** This thread's buffers for operands it packs for all threads of a parallel product it calls. */
    static GemmWorkspace shared() {
        return SHARED.get();
    }

    float[] packedA(int size) {
        if (packedA.length < size) packedA = new float[size];
        return packedA;
    }

    float[] packedB(int size) {
        if (packedB.length < size) packedB = new float[size];
        return packedB;
    }
}
