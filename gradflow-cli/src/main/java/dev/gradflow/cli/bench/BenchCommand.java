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
                    + " per step). Each workload, and the GEMM sizes together, runs in a fresh JVM (the same java and"
                    + " flags), so that none warms up after another's JIT state.",
            "Workloads: seed_sgd, seed_adam, mnist_adam, mnist_adam_probed (a gradient-flow probe records every step),"
                    + " deep20, deep50, seed_sgd_b1."
        })
public final class BenchCommand implements Callable<Integer> {
    private static final List<Integer> DEFAULT_GEMM_SIZES = List.of(128, 256, 512, 1024, 2048);
    /** The {@code --workloads} value for none (GEMM only). */
    private static final String NO_WORKLOADS = "none";

    @Option(names = "--threads", defaultValue = "1", description = "Kernel threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--workloads", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Workloads to run (default: all; none: only the GEMM sizes).")
    List<String> workloads;

    @Option(names = "--same-jvm", description = "Run every workload in this JVM instead of a fresh JVM each (and one for"
            + " the GEMM sizes). Starts faster, but a workload then warms up after the JIT state the earlier ones left,"
            + " which can slow its first seconds.")
    boolean sameJvm;

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
    public Integer call() throws IOException, InterruptedException {
        if (threads < 1) throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        List<Workload> chosen = chosenWorkloads();
        List<Integer> sizes = chosenGemmSizes();
        if (json != null) AtomicFiles.requireWritable(json);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String kernels = KernelProvider.kernels().name();
        out.printf(Locale.ROOT, "gradflow bench: %s kernels, %d thread%s, %s, %s, %s%s%n", kernels, threads, threads == 1 ? "" : "s",
                MachineInfo.cpu(), MachineInfo.jdk(), sameJvm ? "one JVM for all" : "a fresh JVM per workload",
                quick ? " (--quick: smoke test, not a measurement)" : "");
        out.flush();

        Measurements m = sameJvm ? new InThisJvm() : new InFreshJvms();
        List<BenchResults.Workload> workloadResults = new ArrayList<>();
        List<BenchResults.Gemm> gemmResults = new ArrayList<>();
        BenchResults.PairedProbeOverhead paired = null;
        if (!chosen.isEmpty()) {
            out.printf(Locale.ROOT, "%n%-18s %7s %6s %10s %19s %12s %8s  %s%n", "workload", "threads", "batch", "ms/step",
                    "(min - max)", "samples/s", "GFLOP/s", "warm-up");
        }
        for (Workload w : chosen) {
            err.printf(Locale.ROOT, "  %s…%n", w.id());
            err.flush();
            Measured result = m.workload(w);
            workloadResults.add(result.workload());
            if (result.probeOverhead() != null) paired = result.probeOverhead();
            out.print(row(result.workload(), w.batch()));
            out.flush();
        }
        out.print(probeOverhead(workloadResults));
        if (paired != null) {
            out.printf(Locale.ROOT, "probe overhead (paired: mnist_adam steps with and without the probe at the same training"
                    + " state): %+.1f%% (%.3f vs %.3f ms)%n", 100 * paired.fraction(), paired.recordedMs(), paired.plainMs());
        }
        if (!sizes.isEmpty()) {
            out.printf(Locale.ROOT, "%n%-18s %7s %8s%n", "gemm (square, NN)", "threads", "GFLOP/s");
            out.flush();
            err.printf(Locale.ROOT, "  gemm %s…%n", sizes);
            err.flush();
            for (BenchResults.Gemm g : m.gemm(sizes)) {
                gemmResults.add(g);
                out.printf(Locale.ROOT, "%-18s %7d %8.1f%n", "n = " + g.n(), g.threads(), g.gflops());
            }
        }
        if (json != null) {
            var doc = new BenchResults.Document(workloadResults, gemmResults, kernels, MachineInfo.cpu(), MachineInfo.jdk(),
                    sameJvm ? "shared" : "per-workload", paired);
            AtomicFiles.writeString(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
            err.println("wrote " + json);
        }
        out.flush();
        return 0;
    }

    /** One workload's result, and the paired probe cost when the workload is {@code mnist_adam_probed}. */
    private record Measured(BenchResults.Workload workload, BenchResults.PairedProbeOverhead probeOverhead) {}

    /** Where the measurements run. */
    private interface Measurements {
        Measured workload(Workload w) throws IOException, InterruptedException;

        List<BenchResults.Gemm> gemm(List<Integer> sizes) throws IOException, InterruptedException;
    }

    /** Everything in this JVM ({@code --same-jvm}, and what each fresh JVM runs). */
    private final class InThisJvm implements Measurements {
        private final TimingBudget budget = quick ? TimingBudget.QUICK : TimingBudget.STANDARD;

        @Override
        public Measured workload(Workload w) {
            int previousThreads = Parallelism.threads();
            Parallelism.setThreads(threads);
            try {
                TrainingStep step = w.build(seed);
                Timing t = Timing.measure(step::run, budget);
                StepMemory.releasePool();
                double seconds = t.medianSeconds();
                var result = new BenchResults.Workload(w.id(), threads, seconds * 1e3, w.batch() / seconds,
                        6.0 * step.parameterCount() * w.batch() / seconds / 1e9, t.minSeconds() * 1e3, t.maxSeconds() * 1e3,
                        t.warmupSeconds(), t.steady());
                BenchResults.PairedProbeOverhead paired = null;
                if (w == Workload.MNIST_ADAM_PROBED) {
                    paired = ProbeOverhead.measure(seed, budget);
                    StepMemory.releasePool();
                }
                return new Measured(result, paired);
            } finally {
                Parallelism.setThreads(previousThreads);
            }
        }

        @Override
        public List<BenchResults.Gemm> gemm(List<Integer> sizes) {
            int previousThreads = Parallelism.threads();
            Parallelism.setThreads(threads);
            try {
                List<BenchResults.Gemm> out = new ArrayList<>();
                for (int n : sizes) out.add(GemmMeasurement.measure(n, threads, budget));
                return out;
            } finally {
                Parallelism.setThreads(previousThreads);
            }
        }
    }

    /** Each workload, and the GEMM sizes together, in a fresh JVM ({@link BenchJvm}). */
    private final class InFreshJvms implements Measurements {
        @Override
        public Measured workload(Workload w) throws IOException, InterruptedException {
            BenchResults.Document doc = BenchJvm.run(w.id(), childArguments(w.id(), "0"));
            return new Measured(doc.workloads().getFirst(), doc.probeOverhead());
        }

        @Override
        public List<BenchResults.Gemm> gemm(List<Integer> sizes) throws IOException, InterruptedException {
            List<String> ns = new ArrayList<>();
            for (int n : sizes) ns.add(Integer.toString(n));
            return BenchJvm.run("gemm", childArguments(NO_WORKLOADS, String.join(",", ns))).gemm();
        }

        private List<String> childArguments(String workload, String gemmSizes) {
            List<String> args = new ArrayList<>(List.of("--threads", Integer.toString(threads), "--seed", Long.toString(seed),
                    "--workloads", workload, "--gemm-sizes", gemmSizes));
            if (quick) args.add("--quick");
            return args;
        }
    }

    /** One line of the workload table. */
    private static String row(BenchResults.Workload r, int batch) {
        return String.format(Locale.ROOT, "%-18s %7d %6d %10.3f %8.3f - %8.3f %12.0f %8.1f  %.1f s%s%n", r.name(), r.threads(), batch,
                r.msPerStep(), r.minMs(), r.maxMs(), r.samplesPerS(), r.gflops(), r.warmupS(), r.steady() ? "" : " (not steady)");
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
        if (workloads.size() == 1 && workloads.getFirst().strip().equals(NO_WORKLOADS)) return List.of();
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
