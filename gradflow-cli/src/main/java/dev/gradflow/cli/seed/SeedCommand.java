package dev.gradflow.cli.seed;

import dev.gradflow.cli.AtomicFiles;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Adam;
import dev.gradflow.optim.AdamConfig;
import dev.gradflow.optim.Sgd;
import dev.gradflow.optim.SgdConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gradflow seed}: the article's experiment on built-in data (see {@link SeedExperiment}). */
@Command(
        name = "seed",
        mixinStandardHelpOptions = true,
        description = {
            "The article's experiment: learn y = x·[1,-1,1,-1,...] from 1000 inputs x ~ U[0,1)^10 with the MLP "
                    + "10-128-ReLU-64-ReLU-1 and MSE; full-batch gradient descent (lr 0.01), then Adam at lr 0.01, 0.001 "
                    + "and 0.0001, every run from the same initial weights.",
            "Prints optimizer, learning rate, initial and final loss, and each layer's weight-gradient L2 norm at "
                    + "step 1 and at the last step."
        })
public final class SeedCommand implements Callable<Integer> {

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the data and the initial weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", defaultValue = "1000", description = "Full-batch steps per run (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Spec
    CommandSpec spec;

    /** The article's runs: gradient descent at 0.01, then Adam at 0.01, 0.001, 0.0001. */
    public static List<SeedExperiment.RunSpec> articleRuns() {
        return List.of(
                new SeedExperiment.RunSpec("sgd", 0.01, p -> new Sgd(p, SgdConfig.defaults().withLearningRate(0.01))),
                new SeedExperiment.RunSpec("adam", 0.01, p -> new Adam(p, AdamConfig.defaults().withLearningRate(0.01))),
                new SeedExperiment.RunSpec("adam", 0.001, p -> new Adam(p, AdamConfig.defaults().withLearningRate(0.001))),
                new SeedExperiment.RunSpec("adam", 0.0001, p -> new Adam(p, AdamConfig.defaults().withLearningRate(0.0001))));
    }

    @Override
    public Integer call() throws IOException {
        if (steps < 1) throw new ParameterException(spec.commandLine(), "--steps must be at least 1, got " + steps);
        if (json != null) AtomicFiles.requireWritable(json);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<SeedExperiment.RunSpec> runs = articleRuns();
        out.printf(Locale.ROOT, "seed %d: y = x*w on %dx%d inputs x ~ U[0,1), MLP 10-128-64-1 (ReLU), MSE, full batch, steps per run: %d%n",
                seed, SeedExperiment.ROWS, SeedExperiment.FEATURES, steps);
        out.flush();
        int[] done = {0};
        List<SeedRun> results = new SeedExperiment(seed, steps, new MseLoss()).run(runs, r -> {
            done[0]++;
            err.printf(Locale.ROOT, "  [%d/%d] %s lr %s: loss %.4g -> %.4g (%.1f s)%n", done[0], runs.size(), r.optimizer(),
                    SeedReport.plain(r.learningRate()), r.lossInitial(), r.lossFinal(), r.wallTime().toMillis() / 1000.0);
            err.flush();
        });
        out.println();
        out.print(SeedReport.table(results));
        out.println();
        out.println("Gradient flow (first-to-last ratio of weight-gradient norms; update:weight = ‖ΔW‖/‖W‖ per step):");
        out.print(SeedReport.flowTable(results));
        out.println();
        out.print(SeedReport.verdict(results));
        if (json != null) {
            AtomicFiles.writeString(json, SeedReport.json(seed, results));
            err.println("wrote " + json);
        }
        out.flush();
        return 0;
    }
}
