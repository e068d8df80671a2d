package dev.gradflow.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.data.Dataset;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Sgd;
import dev.gradflow.optim.SgdConfig;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.train.Budget;
import dev.gradflow.train.Trainer;
import dev.gradflow.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The diagnostics example of README.md, verbatim between the markers; a second test keeps the README equal to it. */
class ReadmeDiagnosticsExampleTest {

    @Test
    void readmeDiagnosticsExampleRuns() {
        // README diagnostics example begins
        var random = new SplittableRandom(1);
        Tensor x = Tensor.randn(random, 256, 10);
        Dataset data = new Dataset(x, x.matmul(Tensor.randn(random, 10, 1)));

        List<Module> layers = new ArrayList<>();                          // 8 sigmoid layers of 64
        for (int i = 0; i < 8; i++) {
            layers.add(new Linear(i == 0 ? 10 : 64, 64, random));
            layers.add(Activation.of("sigmoid"));
        }
        layers.add(new Linear(64, 1, random));
        Sequential model = new Sequential(layers);

        var probe = new GradientFlowProbe(model, ProbeConfig.defaults());  // every step
        new Trainer(model, new MseLoss(), new Sgd(model.parameters(), SgdConfig.defaults().withLearningRate(0.01)),
                TrainingConfig.DEFAULTS.withBudget(Budget.steps(50)))
                .addListener(new ProbeListener(probe))
                .fit(data);

        StepRecord last = probe.history().getLast();
        for (LayerStats layer : last.layers()) {                          // ∂L/∂(layer output), per example
            System.out.printf("%-3s %-8s backprop RMS %.2e%n", layer.name(), layer.kind(), layer.gradOutputRms());
        }
        var context = new DiagnosticContext(ModelAnatomy.of(model), probe.history(), DetectorThresholds.defaults());
        for (Finding f : Diagnosis.findings(context)) {
            System.out.println(f.headline());
            f.remedies().forEach(r -> System.out.println("  → " + r));
        }
        // README diagnostics example ends

        assertEquals(50, probe.history().size());
        assertTrue(Diagnosis.findings(context).stream().anyMatch(f -> f.kind() == Finding.Kind.VANISHING),
                "8 sigmoid layers: the backpropagated gradient shrinks ≥ 4× per layer");
    }

    @Test
    void readmeShowsExactlyThisCode() throws IOException {
        Path readme = Path.of("..", "README.md");
        Path source = Path.of("src", "test", "java", "dev", "gradflow", "diagnostics", "ReadmeDiagnosticsExampleTest.java");
        assertTrue(Files.exists(readme) && Files.exists(source), "run from the gradflow-core folder (Maven does)");
        String text = Files.readString(source);
        String start = "// README diagnostics example begins\n";
        int from = text.indexOf(start) + start.length();
        String example = text.substring(from, text.indexOf("        // README diagnostics example ends", from)).stripTrailing();
        String dedented = example.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip()).collect(Collectors.joining("\n"));
        assertTrue(Files.readString(readme).contains("```java\n" + dedented + "\n```"),
                "README.md's diagnostics example must be the code between the markers of ReadmeDiagnosticsExampleTest:\n" + dedented);
    }
}
