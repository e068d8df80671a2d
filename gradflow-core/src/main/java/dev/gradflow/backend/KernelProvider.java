package dev.gradflow.backend;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.logging.Logger;

/**
 * Chooses the {@link Kernels} implementation once, at start-up, as Lucene's {@code VectorizationProvider} does:
 * the SIMD kernels when the {@code jdk.incubator.vector} module is readable and the JIT is C2 (the Vector API is
 * slow when interpreted or compiled by C1), else the plain-Java reference. The SIMD class is loaded reflectively
 * so that nothing else ever touches the incubator module.
 *
 * <p>{@code -Dgradflow.kernels=scalar|simd} overrides the choice. The choice and its reason are logged once and
 * available through {@link #reason()} for run provenance.
 */
public final class KernelProvider {
    private static final Logger LOG = Logger.getLogger(KernelProvider.class.getName());
    private static final String SIMD_CLASS = "dev.gradflow.backend.simd.SimdKernels";

    private static final Choice CHOICE = choose(System.getProperty("gradflow.kernels", "auto"));

    /** The kernels chosen and why (package-private so the choosing logic can be unit-tested). */
    record Choice(Kernels kernels, String reason) {}

    private KernelProvider() {}

    /** The kernels in use for this JVM. */
    public static Kernels kernels() {
        return CHOICE.kernels;
    }

    /** Why these kernels were chosen, e.g. "simd: jdk.incubator.vector readable, C2 on". */
    public static String reason() {
        return CHOICE.reason;
    }

    /** Chooses for a requested value of {@code -Dgradflow.kernels}: "scalar", "simd" or "auto". */
    static Choice choose(String requested) {
        Choice c = switch (requested) {
            case "scalar" -> new Choice(new ScalarKernels(), "scalar: requested by -Dgradflow.kernels=scalar");
            case "simd" -> {
                Kernels simd = loadSimd();
                if (simd == null) {
                    throw new IllegalStateException("-Dgradflow.kernels=simd but the SIMD kernels cannot load: "
                            + "start the JVM with --add-modules jdk.incubator.vector");
                }
                yield new Choice(simd, simd.name() + ": requested by -Dgradflow.kernels=simd");
            }
            case "auto" -> auto();
            default -> throw new IllegalArgumentException("-Dgradflow.kernels must be scalar, simd or auto, got '" + requested + "'");
        };
        LOG.fine(() -> "gradflow kernels: " + c.reason);
        return c;
    }

    private static Choice auto() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new Choice(new ScalarKernels(), "scalar: jdk.incubator.vector not loaded (add --add-modules jdk.incubator.vector)");
        }
        if (!c2Enabled()) {
            return new Choice(new ScalarKernels(), "scalar: C2 JIT is off, the Vector API would run interpreted");
        }
        Kernels simd = loadSimd();
        if (simd == null) {
            return new Choice(new ScalarKernels(), "scalar: SIMD kernels failed to load");
        }
        return new Choice(simd, simd.name() + ": jdk.incubator.vector readable, C2 on");
    }

    private static boolean c2Enabled() {
        List<String> args = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String a : args) {
            if (a.equals("-Xint") || a.startsWith("-XX:TieredStopAtLevel=") && !a.endsWith("=4")) return false;
        }
        return true;
    }

    private static Kernels loadSimd() {
        try {
            Class<?> cls = Class.forName(SIMD_CLASS);
            return (Kernels) MethodHandles.lookup().findConstructor(cls, MethodType.methodType(void.class)).invoke();
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        } catch (Throwable e) {
            LOG.warning("SIMD kernels failed to initialize: " + e);
            return null;
        }
    }
}
