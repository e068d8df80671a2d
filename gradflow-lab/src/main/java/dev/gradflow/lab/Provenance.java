package dev.gradflow.lab;

import dev.gradflow.backend.KernelProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where and how a run was made, recorded in summary.json: version, JDK, OS, CPU, kernels, workers, seeds, times. */
final class Provenance {
    private Provenance() {}

    static Map<String, String> of(int parallelism, int kernelThreads, List<Long> seeds, Path datasetsRoot, String started) {
        Map<String, String> out = new LinkedHashMap<>();
        String version = Provenance.class.getPackage().getImplementationVersion();
        out.put("gradflow", version == null ? "development build" : version);
        out.put("java", Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        out.put("cpu", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " available processors");
        out.put("kernels", KernelProvider.reason());
        out.put("parallel_variants", Integer.toString(parallelism));
        out.put("kernel_threads", Integer.toString(kernelThreads));
        out.put("seeds", seeds.toString());
        out.put("datasets", datasetsRoot.toAbsolutePath().toString());
        out.put("host", RunDirectory.host());
        out.put("started", started);
        return out;
    }

    /** The processor's model name from /proc/cpuinfo (Linux), else the architecture. */
    private static String cpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            try (var lines = Files.lines(info)) {
                return lines.filter(l -> l.startsWith("model name")).findFirst()
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
            } catch (IOException | java.io.UncheckedIOException e) {
                return System.getProperty("os.arch");
            }
        }
        return System.getProperty("os.arch");
    }
}
