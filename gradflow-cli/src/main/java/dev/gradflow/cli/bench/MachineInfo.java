package dev.gradflow.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU and the JDK, recorded with every benchmark result. */
final class MachineInfo {
    private MachineInfo() {}

    /** The CPU's model name from /proc/cpuinfo, with the processor count; else the OS architecture. */
    static String cpu() {
        int processors = Runtime.getRuntime().availableProcessors();
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try {
                for (String line : Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).strip() + " (" + processors + " processors)";
                    }
                }
            } catch (IOException | RuntimeException e) {
                // fall through to the architecture
            }
        }
        return System.getProperty("os.arch") + " (" + processors + " processors)";
    }

    /** The JDK's vendor and full version, e.g. "Eclipse Adoptium 25+36-LTS". */
    static String jdk() {
        return System.getProperty("java.vendor") + " " + Runtime.version();
    }
}
