package dev.gradflow.cli.lrfind;

import dev.gradflow.analysis.SpecData;
import dev.gradflow.cli.AtomicFiles;
import dev.gradflow.data.Dataset;
import dev.gradflow.data.MiniBatches;
import dev.gradflow.diagnostics.LearningRateFinder;
import dev.gradflow.optim.Optimizers;
import dev.gradflow.report.Json;
import dev.gradflow.spec.ModelFactory;
import dev.gradflow.spec.ModelSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gradflow lr-find}: the learning-rate range test (see {@link LearningRateFinder}). */
@Command(
        name = "lr-find",
        mixinStandardHelpOptions = true,
        description = {
            "Learning-rate range test: trains with an exponentially growing learning rate (1e-7 to 10 over 100 steps by"
                    + " default), stops when the smoothed loss exceeds 4x its best, and suggests a rate by the valley,"
                    + " steepest and minimum/10 rules. The model's weights are left as initialized."
        })
public final class LrFindCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "SPEC", description = "Model spec (YAML).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "URI|FILE",
            description = "A dataset URI (mnist:DIR, csv:FILE?target=y, synthetic:linear?n=1000, ...) or a CSV batch file.")
    String data;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, adam, adamw, rmsprop, ... (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--batch", defaultValue = "0", description = "Mini-batch size; 0 = full batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--start", defaultValue = "1e-7", description = "First learning rate (default: ${DEFAULT-VALUE}).")
    double start;

    @Option(names = "--end", defaultValue = "10", description = "Last learning rate (default: ${DEFAULT-VALUE}).")
    double end;

    @Option(names = "--steps", defaultValue = "100", description = "Steps of the sweep (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the weights and the batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the curve and the suggestions as JSON.")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (batch < 0) throw new ParameterException(spec.commandLine(), "--batch must be >= 0, got " + batch);
        LearningRateFinder.Config config;
        try {
            config = new LearningRateFinder.Config(start, end, steps);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (json != null) AtomicFiles.requireWritable(json);
        ModelSpec modelSpec = ModelSpec.load(model);
        Dataset dataset = SpecData.load(data, modelSpec);
        ModelFactory.Built built = ModelFactory.build(modelSpec, new SplittableRandom(seed));
        var opt = Optimizers.create(optimizer, built.model().parameters(), start);
        LearningRateFinder.Result r = LearningRateFinder.run(built.model(), built.loss(), opt, batches(dataset), config);

        PrintWriter out = spec.commandLine().getOut();
        out.print(text(r));
        if (json != null) {
            AtomicFiles.writeString(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document(r)) + "\n");
            spec.commandLine().getErr().println("wrote " + json);
        }
        out.flush();
        return 0;
    }

    /** Batch i of the sweep: the full data, or mini-batches of a seeded shuffle, epoch after epoch. */
    private java.util.function.IntFunction<LearningRateFinder.Batch> batches(Dataset dataset) {
        if (batch == 0 || batch >= dataset.size()) {
            LearningRateFinder.Batch all = new LearningRateFinder.Batch(dataset.features(), dataset.targets());
            return i -> all;
        }
        return new CyclingBatches(new MiniBatches(dataset, batch, seed));
    }

    /** Mini-batches of one seeded epoch after another; the sweep asks for them in order. */
    private static final class CyclingBatches implements java.util.function.IntFunction<LearningRateFinder.Batch> {
        private final MiniBatches batches;
        private int epoch;
        private Iterator<Dataset> current;

        CyclingBatches(MiniBatches batches) {
            this.batches = batches;
            this.current = batches.epoch(0).iterator();
        }

        @Override
        public LearningRateFinder.Batch apply(int step) {
            if (!current.hasNext()) current = batches.epoch(++epoch).iterator();
            Dataset b = current.next();
            return new LearningRateFinder.Batch(b.features(), b.targets());
        }
    }

    static Map<String, Object> document(LearningRateFinder.Result r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("curve", Map.of("lr", r.lrs(), "loss", r.losses(), "smoothed", r.smoothed()));
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("valley", r.valley());
        s.put("steepest", r.steepest());
        s.put("minimum_tenth", r.minimumTenth());
        doc.put("suggestions", s);
        doc.put("stopped_early", r.stoppedEarly());
        return doc;
    }

    /** The curve (every few steps, with a bar for the smoothed loss) and the three suggestions. */
    static String text(LearningRateFinder.Result r) {
        StringBuilder sb = new StringBuilder();
        double min = r.smoothed().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = r.smoothed().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int every = Math.max(1, r.lrs().size() / 25);
        sb.append(String.format(Locale.ROOT, "%12s %12s %12s%n", "lr", "loss", "smoothed"));
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < r.lrs().size(); i += every) rows.add(i);
        if (rows.getLast() != r.lrs().size() - 1) rows.add(r.lrs().size() - 1);
        for (int i : rows) {
            int bar = max > min ? (int) Math.round(40 * (r.smoothed().get(i) - min) / (max - min)) : 0;
            sb.append(String.format(Locale.ROOT, "%12.3e %12.4g %12.4g  %s%n", r.lrs().get(i), r.losses().get(i), r.smoothed().get(i), "#".repeat(bar)));
        }
        sb.append(r.stoppedEarly() ? "stopped early: the smoothed loss passed 4x its minimum\n" : "");
        sb.append(String.format(Locale.ROOT, "%nsuggested learning rates:%n  valley       %.3e  (fastai's default: inside the longest descent)%n"
                + "  steepest     %.3e  (where the loss falls fastest per decade)%n  minimum/10   %.3e  (a tenth of the rate at the lowest loss)%n",
                r.valley(), r.steepest(), r.minimumTenth()));
        return sb.toString();
    }
}
