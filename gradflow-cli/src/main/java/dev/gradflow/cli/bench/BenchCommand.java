package dev.gradflow.cli.bench;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.Parallelism;
import dev.gradflow.cli.AtomicFiles;
import dev.gradflow.report.Json;
import dev.gradflow.tensor.StepMemory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gradflow bench}: training-step speed on the standard workloads ({@link Workload}) and the square GEMM
 * rate, timed as the PyTorch reference script times them, so that both can be run back to back and compared
 * ({@code scripts/bench-vs-pytorch.sh}).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Times training steps (zero grad, forward, loss, backward, optimizer step on a fixed random batch) of the"
                    + " standard workloads and the square GEMM C = A*B: warm-up, then the median of 7 repetitions, as"
                    + " the PyTorch reference script does. Prints ms/step, samples/s and GFLOP/s (6 * parameters * batch"
                    + " per step).",
            "Workloads: seed_sgd, seed_adam, mnist_adam, mnist_adam_probed (a gradient-flow probe records every step),"
                    + " deep20, deep50, seed_sgd_b1."
        })
public final class BenchCommand implements Callable<Integer> {
    private static final List<Integer> DEFAULT_GEMM_SIZES = List.of(128, 256, 512, 1024, 2048);

    @Option(names = "--threads", defaultValue = "1", description = "Kernel threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--workloads", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Workloads to run (default: all).")
    List<String> workloads;

    @Option(names = "--gemm-sizes", split = ",", paramLabel = "N[,N...]",
            description = "Square GEMM sizes to time (default: 128,256,512,1024,2048); 0 for none.")
    List<Integer> gemmSizes;

    @Option(names = "--quick", description = "A few steps per workload instead of the full warm-up and repetitions:"
            + " checks that everything runs; the numbers are not measurements.")
    boolean quick;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the models and the random batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (threads < 1) throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        List<Workload> chosen = chosenWorkloads();
        List<Integer> sizes = chosenGemmSizes();
        if (json != null) AtomicFiles.requireWritable(json);
        TimingBudget budget = quick ? TimingBudget.QUICK : TimingBudget.STANDARD;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String kernels = KernelProvider.kernels().name();
        out.printf(Locale.ROOT, "gradflow bench: %s kernels, %d thread%s, %s, %s%s%n", kernels, threads, threads == 1 ? "" : "s",
                MachineInfo.cpu(), MachineInfo.jdk(), quick ? " (--quick: smoke test, not a measurement)" : "");
        out.flush();

        int previousThreads = Parallelism.threads();
        Parallelism.setThreads(threads);
        List<BenchResults.Workload> workloadResults = new ArrayList<>();
        List<BenchResults.Gemm> gemmResults = new ArrayList<>();
        try {
            out.printf(Locale.ROOT, "%n%-18s %7s %6s %10s %19s %12s %8s  %s%n", "workload", "threads", "batch", "ms/step",
                    "(min - max)", "samples/s", "GFLOP/s", "warm-up");
            for (Workload w : chosen) {
                err.printf(Locale.ROOT, "  %s…%n", w.id());
                err.flush();
                TrainingStep step = w.build(seed);
                Timing t = Timing.measure(step::run, budget);
                StepMemory.releasePool();
                double seconds = t.medianSeconds();
                BenchResults.Workload r = new BenchResults.Workload(w.id(), threads, seconds * 1e3, w.batch() / seconds,
                        6.0 * step.parameterCount() * w.batch() / seconds / 1e9);
                workloadResults.add(r);
                out.printf(Locale.ROOT, "%-18s %7d %6d %10.3f %8.3f - %8.3f %12.0f %8.1f  %.1f s%s%n", r.name(), threads, w.batch(),
                        r.msPerStep(), t.minSeconds() * 1e3, t.maxSeconds() * 1e3, r.samplesPerS(), r.gflops(), t.warmupSeconds(),
                        t.steady() ? "" : " (not steady)");
                out.flush();
            }
            out.print(probeOverhead(workloadResults));
            if (chosen.contains(Workload.MNIST_ADAM_PROBED)) {
                err.printf(Locale.ROOT, "  probe overhead (paired)…%n");
                err.flush();
                ProbeOverhead paired = ProbeOverhead.measure(seed, budget);
                StepMemory.releasePool();
                out.printf(Locale.ROOT, "probe overhead (paired: mnist_adam steps with and without the probe at the same training"
                        + " state): %+.1f%% (%.3f vs %.3f ms)%n", 100 * paired.fraction(), paired.recordedSeconds() * 1e3,
                        paired.plainSeconds() * 1e3);
                out.flush();
            }
            if (!sizes.isEmpty()) out.printf(Locale.ROOT, "%n%-18s %7s %8s%n", "gemm (square, NN)", "threads", "GFLOP/s");
            for (int n : sizes) {
                err.printf(Locale.ROOT, "  gemm %d…%n", n);
                err.flush();
                BenchResults.Gemm g = GemmMeasurement.measure(n, threads, budget);
                gemmResults.add(g);
                out.printf(Locale.ROOT, "%-18s %7d %8.1f%n", "n = " + n, threads, g.gflops());
                out.flush();
            }
        } finally {
            Parallelism.setThreads(previousThreads);
        }
        if (json != null) {
            var doc = BenchResults.document(workloadResults, gemmResults, kernels, MachineInfo.cpu(), MachineInfo.jdk());
            AtomicFiles.writeString(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
            err.println("wrote " + json);
        }
        out.flush();
        return 0;
    }

    /** "probe overhead: …" when both mnist_adam and mnist_adam_probed ran, else nothing. */
    static String probeOverhead(List<BenchResults.Workload> results) {
        BenchResults.Workload plain = null;
        BenchResults.Workload probed = null;
        for (BenchResults.Workload r : results) {
            if (r.name().equals(Workload.MNIST_ADAM.id())) plain = r;
            if (r.name().equals(Workload.MNIST_ADAM_PROBED.id())) probed = r;
        }
        if (plain == null || probed == null) return "";
        return String.format(Locale.ROOT, "probe overhead (probes on every step, mnist_adam_probed vs mnist_adam): %+.1f%%%n",
                100.0 * (probed.msPerStep() / plain.msPerStep() - 1));
    }

    private List<Workload> chosenWorkloads() {
        if (workloads == null || workloads.isEmpty()) return List.of(Workload.values());
        List<Workload> out = new ArrayList<>();
        for (String name : workloads) {
            try {
                out.add(Workload.byId(name.strip()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--workloads: " + e.getMessage());
            }
        }
        return out;
    }

    private List<Integer> chosenGemmSizes() {
        if (gemmSizes == null || gemmSizes.isEmpty()) return DEFAULT_GEMM_SIZES;
        List<Integer> out = new ArrayList<>();
        for (int n : gemmSizes) {
            if (n < 0) throw new ParameterException(spec.commandLine(), "--gemm-sizes must be positive (or 0 for none), got " + n);
            if (n > 0) out.add(n);
        }
        return out;
    }
}
