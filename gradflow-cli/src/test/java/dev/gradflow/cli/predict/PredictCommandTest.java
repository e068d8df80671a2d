package dev.gradflow.cli.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.cli.CliRun;
import dev.gradflow.modelio.SavedModel;
import dev.gradflow.nn.Sequential;
import dev.gradflow.spec.ModelFactory;
import dev.gradflow.spec.ModelSpec;
import dev.gradflow.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
    @TempDir
    Path dir;

    /** A saved model of {@code yaml} with seeded random weights (training is tested elsewhere). */
    private Path savedModel(String yaml) {
        ModelSpec spec = ModelSpec.parse(yaml, "model.yaml");
        Sequential model = ModelFactory.build(spec, new SplittableRandom(5)).model();
        Path out = dir.resolve("model");
        SavedModel.save(out, spec, model);
        return out;
    }

    private static float[] column(List<String> rows, int column) {
        float[] out = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) out[i] = Float.parseFloat(rows.get(i).split(",")[column]);
        return out;
    }

    @Test
    void regressionGivesOnePredictionColumnComputedByTheModelAndIgnoresTrailingColumns() throws IOException {
        Path model = savedModel("input: 2\nlayers:\n  - linear: {out: 8}\n  - tanh\n  - dropout: {p: 0.5}\n  - linear: {out: 1}\n");
        Path csv = Files.writeString(dir.resolve("data.csv"), "a,b,y\n0.5,1,3\n-1,2,0\n0,0,1\n");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("prediction", lines.getFirst());
        assertEquals(4, lines.size());
        assertTrue(run.err().contains("note: using the first 2 of the 3 columns as the model's inputs; ignoring y"), run.err());

        SavedModel saved = SavedModel.load(model);
        Sequential net = ModelFactory.build(saved.spec(), new SplittableRandom(99)).model();
        saved.copyInto(net);
        net.setMode(dev.gradflow.nn.Mode.EVALUATION);   // dropout off, as predict runs it
        float[] expected = net.forward(Tensor.of(new float[] {0.5f, 1, -1, 2, 0, 0}, 3, 2)).data();
        float[] got = column(lines.subList(1, 4), 0);
        for (int i = 0; i < 3; i++) assertEquals(expected[i], got[i], "row " + i);
    }

    @Test
    void classificationGivesClassProbabilitiesAndTheMostProbableClass() throws IOException {
        Path model = savedModel("input: 2\nlayers:\n  - linear: {out: 16}\n  - relu\n  - linear: {out: 3}\nloss: cross_entropy\n");
        Path out = dir.resolve("predictions").resolve("p.csv");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", "synthetic:spirals?n=30&classes=3", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().contains("wrote 30 predictions to " + out), run.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("p0,p1,p2,class", lines.getFirst());
        assertEquals(31, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            float p0 = Float.parseFloat(cells[0]);
            float p1 = Float.parseFloat(cells[1]);
            float p2 = Float.parseFloat(cells[2]);
            assertEquals(1.0, p0 + p1 + p2, 1e-5, line);
            int best = p0 >= p1 && p0 >= p2 ? 0 : p1 >= p2 ? 1 : 2;
            assertEquals(best, Integer.parseInt(cells[3]), line);
        }
    }

    @Test
    void binaryLogitsGiveBothProbabilities() throws IOException {
        Path model = savedModel("input: 2\nlayers:\n  - linear: {out: 1}\nloss: bce_with_logits\n");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", "synthetic:moons?n=10");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("p0,p1,class", lines.getFirst());
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertEquals(1.0, Float.parseFloat(cells[0]) + Float.parseFloat(cells[1]), 1e-6, line);
            assertEquals(Float.parseFloat(cells[1]) > Float.parseFloat(cells[0]) ? "1" : "0", cells[2], line);
        }
    }

    @Test
    void userErrorsAreOneLineAndWriteNothing() throws IOException {
        Path model = savedModel("input: 3\nlayers:\n  - linear: {out: 1}\n");
        Path narrow = Files.writeString(dir.resolve("narrow.csv"), "a,b\n1,2\n");
        Path out = dir.resolve("out.csv");
        CliRun tooFew = CliRun.of("predict", "--model", model.toString(), "--data", narrow.toString(), "--out", out.toString());
        assertEquals(1, tooFew.exitCode());
        assertEquals("gradflow: " + narrow + ": has 2 columns but the model takes 3 inputs", tooFew.err().strip());
        assertFalse(Files.exists(out));

        CliRun noModel = CliRun.of("predict", "--model", dir.resolve("missing").toString(), "--data", narrow.toString());
        assertEquals(1, noModel.exitCode());
        assertEquals("gradflow: " + dir.resolve("missing") + ": no such saved model", noModel.err().strip());

        CliRun wrongWidth = CliRun.of("predict", "--model", model.toString(), "--data", "synthetic:linear?n=4&d=5");
        assertEquals(1, wrongWidth.exitCode());
        assertEquals(1, wrongWidth.err().strip().lines().count(), wrongWidth.err());
        assertTrue(wrongWidth.err().contains("5 features per example"), wrongWidth.err());

        Path blocker = Files.writeString(dir.resolve("file"), "x");
        CliRun unwritable = CliRun.of("predict", "--model", model.toString(), "--data", "synthetic:linear?n=4&d=3", "--out",
                blocker.resolve("p.csv").toString());
        assertEquals(1, unwritable.exitCode());
        assertTrue(unwritable.err().startsWith("gradflow: cannot write " + blocker.resolve("p.csv")), unwritable.err());
    }
}
