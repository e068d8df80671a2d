package dev.gradflow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.data.Dataset;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Adam;
import dev.gradflow.optim.AdamConfig;
import dev.gradflow.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The library example of README.md, verbatim between the markers; a second test keeps the README equal to it. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRuns() {
        // README example begins
        var random = new SplittableRandom(0);
        Tensor x = Tensor.rand(random, 1000, 10);                        // x ~ U[0,1)^(1000×10)
        Tensor w = Tensor.of(new float[] {1, -1, 1, -1, 1, -1, 1, -1, 1, -1}, 10, 1);
        Dataset data = new Dataset(x, x.matmul(w));                      // y = x·w

        Sequential model = new Sequential(                               // 10 → 128 → 64 → 1, ReLU
                new Linear(10, 128, random), Activation.of("relu"),
                new Linear(128, 64, random), Activation.of("relu"),
                new Linear(64, 1, random));

        var norms = GradientNormRecorder.weights();                      // ‖∂L/∂W‖₂ per layer
        TrainingHistory history = new Trainer(model, new MseLoss(),
                new Adam(model.parameters(), AdamConfig.defaults().withLearningRate(1e-3)),
                TrainingConfig.DEFAULTS.withBudget(Budget.steps(100)))
                .addListener(norms)
                .fit(data);

        System.out.printf("loss %.4f -> %.4f%n", history.firstLoss(), history.lastEvaluation().training().loss());
        System.out.println("weight-gradient norms at step 1: " + norms.firstStep());
        System.out.println("weight-gradient norms at step 100: " + norms.lastStep());
        // README example ends

        assertEquals(100, history.steps());
        assertTrue(history.lastEvaluation().training().loss() < history.firstLoss() / 5);
        assertEquals(List.of("0.weight", "2.weight", "4.weight"), List.copyOf(norms.firstStep().keySet()));
    }

    @Test
    void readmeShowsExactlyThisCode() throws IOException {
        Path readme = Path.of("..", "README.md");
        Path source = Path.of("src", "test", "java", "dev", "gradflow", "train", "ReadmeExampleTest.java");
        assertTrue(Files.exists(readme) && Files.exists(source), "run from the gradflow-core folder (Maven does)");
        String example = between(Files.readString(source), "// README example begins\n", "        // README example ends");
        String dedented = example.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip()).collect(Collectors.joining("\n"));
        String markdown = Files.readString(readme);
        assertTrue(markdown.contains("```java\n" + dedented + "\n```"),
                "README.md's Java example must be the code between the markers of ReadmeExampleTest:\n" + dedented);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from)).stripTrailing();
    }
}
