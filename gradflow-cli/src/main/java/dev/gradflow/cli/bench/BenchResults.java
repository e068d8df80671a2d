package dev.gradflow.cli.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code gradflow bench} measured, in the shape of its JSON file. */
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
     */
    record Workload(String name, int threads, double msPerStep, double samplesPerS, double gflops) {}

    /** The square GEMM rate at size n: 2n³ / seconds / 10⁹. */
    record Gemm(int n, int threads, double gflops) {}

    /** The JSON document: {@code {"workloads":[…],"gemm":[…],"kernels":…,"cpu":…,"jdk":…}}. */
    static Map<String, Object> document(List<Workload> workloads, List<Gemm> gemm, String kernels, String cpu, String jdk) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("workloads", workloads);
        doc.put("gemm", gemm);
        doc.put("kernels", kernels);
        doc.put("cpu", cpu);
        doc.put("jdk", jdk);
        return doc;
    }
}
