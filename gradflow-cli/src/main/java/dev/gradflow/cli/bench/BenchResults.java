package dev.gradflow.cli.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What {@code gradflow bench} measured, in the shape of its JSON file (snake_case names, see the README). */
final class BenchResults {
    private BenchResults() {}

    /**
     * One workload's speed.
     *
     * @param name        the workload's id ("seed_sgd")
     * @param threads     kernel threads
     * @param msPerStep   median milliseconds per training step
     * @param samplesPerS batch / seconds per step
     * @param gflops      6 · parameters · batch / seconds per step / 10⁹ (forward 2, backward 4 FLOP per weight per
     *                    example: the reference script's approximation)
     * @param minMs       the fastest repetition's milliseconds per step
     * @param maxMs       the slowest repetition's milliseconds per step
     * @param warmupS     seconds of warm-up before the repetitions
     * @param steady      whether the warm-up ended steady (else it hit its maximum; see {@link TimingBudget})
     */
    record Workload(String name, int threads, double msPerStep, double samplesPerS, double gflops, double minMs,
                    double maxMs, double warmupS, boolean steady) {}

    /** The square GEMM rate at size n: 2n³ / seconds / 10⁹. */
    record Gemm(int n, int threads, double gflops) {}

    /**
     * The paired probe cost ({@link ProbeOverhead}): median milliseconds of a recorded and of a plain
     * {@code mnist_adam} step at the same training state.
     */
    record PairedProbeOverhead(double recordedMs, double plainMs) {
        /** (recorded − plain) / plain. */
        double fraction() {
            return recordedMs / plainMs - 1;
        }
    }

    /**
     * The JSON document: {@code {"workloads":[…],"gemm":[…],"kernels":…,"cpu":…,"jdk":…,"jvm":…}}, and
     * {@code "probe_overhead"} when {@code mnist_adam_probed} ran.
     *
     * @param jvm {@code "per-workload"} when each workload (and the GEMM sizes together) ran in a fresh JVM,
     *            {@code "shared"} when everything ran in one ({@code --same-jvm})
     */
    record Document(List<Workload> workloads, List<Gemm> gemm, String kernels, String cpu, String jdk, String jvm,
                    @JsonInclude(JsonInclude.Include.NON_NULL) PairedProbeOverhead probeOverhead) {
        Document {
            workloads = List.copyOf(workloads);
            gemm = List.copyOf(gemm);
        }
    }
}
