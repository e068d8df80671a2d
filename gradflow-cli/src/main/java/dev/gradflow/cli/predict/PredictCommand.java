package dev.gradflow.cli.predict;

import dev.gradflow.analysis.SpecData;
import dev.gradflow.cli.AtomicFiles;
import dev.gradflow.data.CsvTable;
import dev.gradflow.data.DataFormatException;
import dev.gradflow.data.Dataset;
import dev.gradflow.data.DatasetSource;
import dev.gradflow.modelio.SavedModel;
import dev.gradflow.spec.ModelFactory;
import dev.gradflow.spec.ModelSpec;
import dev.gradflow.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradflow predict}: a saved model's predictions for a dataset, as CSV (see {@link Predictions}). */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a saved model's predictions as CSV, one row per example: prediction (regression), or the class"
                    + " probabilities p0..pK-1 and the predicted class (cross_entropy; bce_with_logits gives p0, p1, class).",
            "A CSV file's first columns are the model's inputs (a header row names them); further columns, such as targets,"
                    + " are ignored. A dataset URI gives its features."
        })
public final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "A saved model: a directory with model.yaml and weights.safetensors (as gradflow train writes), or a .safetensors file holding its spec.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE|URI", description = "A CSV file or a dataset URI (mnist:DIR?split=test, csv:FILE, ...).")
    String data;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV here (default: standard output).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (out != null) AtomicFiles.requireWritable(out);
        if (!Files.exists(model)) throw new IllegalArgumentException(model + ": no such saved model");
        SavedModel saved = SavedModel.load(model);
        ModelFactory.Built built = ModelFactory.build(saved.spec(), new SplittableRandom(0));
        saved.copyInto(built.model());
        Tensor features = features(saved.spec());
        String csv = Predictions.csv(Predictions.outputs(built.model(), features), saved.spec().loss().name());
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(csv);
            stdout.flush();
        } else {
            AtomicFiles.writeString(out, csv);
            spec.commandLine().getErr().println("wrote " + features.dim(0) + " predictions to " + out);
        }
        return 0;
    }

    /** The inputs [N, input…] from a CSV file (its leading columns) or a dataset URI (its features). */
    private Tensor features(ModelSpec modelSpec) {
        int inputs = 1;
        for (int d : modelSpec.input()) inputs *= d;
        if (!isFile(data)) {
            Dataset d = DatasetSource.parse(data).load();
            return SpecData.fit(d, modelSpec).features();
        }
        Path file = Path.of(data);
        CsvTable table = CsvTable.read(file);
        if (table.columnCount() < inputs) {
            throw DataFormatException.inFile(file, "has " + table.columnCount() + " columns but the model takes " + inputs + " inputs");
        }
        if (table.columnCount() > inputs) {
            spec.commandLine().getErr().println("note: using the first " + inputs + " of the " + table.columnCount() + " columns as the model's inputs;"
                    + " ignoring " + String.join(", ", table.columnNames().subList(inputs, table.columnCount())));
        }
        int n = table.rowCount();
        float[] x = new float[n * inputs];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < inputs; c++) x[r * inputs + c] = table.value(r, c);
        }
        int[] dims = new int[modelSpec.input().size() + 1];
        dims[0] = n;
        for (int i = 0; i < modelSpec.input().size(); i++) dims[i + 1] = modelSpec.input().get(i);
        return Tensor.of(x, dims);
    }

    private static boolean isFile(String text) {
        try {
            return Files.isRegularFile(Path.of(text));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
