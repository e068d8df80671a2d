package dev.gradflow.cli.diagnose;

import dev.gradflow.analysis.SpecData;
import dev.gradflow.analysis.DiagnoseReport;
import dev.gradflow.analysis.Preflight;
import dev.gradflow.cli.AtomicFiles;
import dev.gradflow.data.Dataset;
import dev.gradflow.modelio.ModelWeights;
import dev.gradflow.report.Json;
import dev.gradflow.spec.ModelSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gradflow diagnose}: the pre-flight check of a model spec (see {@link Preflight}). */
@Command(
        name = "diagnose",
        mixinStandardHelpOptions = true,
        description = {
            "Pre-flight check of a model at initialization (or of given weights): per-parameter gradient norms, per-layer"
                    + " activation and backpropagated-gradient statistics, the input-output Jacobian spectrum, and findings"
                    + " with their cause and remedies.",
            "Without --data, inputs are N(0, 1) and targets random (class labels for cross_entropy, N(0, 1) for mse)."
        })
public final class DiagnoseCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "SPEC", description = "Model spec (YAML).")
    Path model;

    @Option(names = "--weights", paramLabel = "FILE", description = "Weights to evaluate (.safetensors, PyTorch state_dict names) instead of a fresh initialization.")
    Path weights;

    @Option(names = "--data", paramLabel = "FILE", description = "A CSV batch with a header row: the spec's input size gives the leading feature columns, the rest are targets.")
    Path data;

    @Option(names = "--batches", defaultValue = "4", description = "Random batches per seed (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--seeds", defaultValue = "2", description = "Initializations to average over (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--batch", defaultValue = "256", description = "Rows per random batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "0", description = "Base seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (batches < 1 || seeds < 1 || batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batches, --seeds and --batch must be at least 1");
        }
        if (json != null) AtomicFiles.requireWritable(json);
        ModelSpec modelSpec = ModelSpec.load(model);
        Dataset batchData = data == null ? null : SpecData.readCsv(data, modelSpec);
        var options = new Preflight.Options(modelSpec, weights == null ? null : m -> ModelWeights.load(m, weights),
                batchData, batches, seeds, batch, seed);
        DiagnoseReport report = Preflight.run(options);
        PrintWriter out = spec.commandLine().getOut();
        out.print(DiagnoseText.of(report, model.getFileName().toString()));
        if (json != null) {
            AtomicFiles.writeString(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
            spec.commandLine().getErr().println("wrote " + json);
        }
        out.flush();
        return 0;
    }
}
