package dev.gradflow.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.spec.LayerSpec;
import dev.gradflow.spec.YamlNode;
import dev.gradflow.train.Budget;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinExperimentsTest {
    @TempDir
    Path dir;

    @Test
    void everyBuiltinParsesAndIsNamedAsItsFile() {
        for (String name : BuiltinExperiments.NAMES) {
            ExperimentSpec spec = ExperimentSpec.parse(BuiltinExperiments.yaml(name).orElseThrow(), BuiltinExperiments.source(name));
            assertEquals(name, spec.name());
            assertFalse(spec.description().isBlank(), name);
        }
        assertTrue(BuiltinExperiments.yaml("nope").isEmpty());
    }

    @Test
    void theBuiltinsHaveTheirPlannedGrids() {
        assertEquals(4, parse("seed").variants().size());
        assertEquals(List.of("baseline", "huber-loss", "adam", "rmsprop", "l1", "l2", "dropout", "relu-he", "tanh-xavier", "batchnorm",
                "residual", "dense", "clip-norm"), parse("remedies").variants().stream().map(ExperimentSpec.Variant::name).toList());
        ExperimentSpec depth = parse("depth");
        assertEquals(5 * 5 * 2, depth.variants().size());
        assertEquals(List.of("model.mlp.depth", "model.mlp.activation", "model.mlp.init"), List.copyOf(depth.axes().keySet()));
        assertEquals(7, parse("exploding").variants().size());
        ExperimentSpec lr = parse("lr");
        assertEquals(12, lr.variants().size());
        assertEquals("valley", lr.variants().getFirst().settings().training().lrFind().use());
        ExperimentSpec mnist = parse("mnist-depth");
        assertEquals(List.of("sigmoid-sgd", "residual", "batchnorm", "relu-he"), mnist.variants().stream().map(ExperimentSpec.Variant::name).toList());
        long weightLayers = mnist.variants().getFirst().settings().model().layers().stream().filter(l -> l instanceof LayerSpec.Linear).count();
        assertEquals(31, weightLayers);
    }

    @Test
    void theRealDataBuiltinsTrainTheirPlannedModelsOnTheTestSplit() {
        for (String name : List.of("mnist-mlp", "fashion-mlp")) {
            ExperimentSpec spec = parse(name);
            assertEquals(1, spec.variants().size(), name);
            var settings = spec.variants().getFirst().settings();
            assertEquals(List.of(784), settings.model().input(), name);
            assertEquals(List.of(256, 256, 10), settings.model().layers().stream()
                    .filter(l -> l instanceof LayerSpec.Linear).map(l -> ((LayerSpec.Linear) l).out()).toList(), name);
            assertTrue(settings.data().test().contains("split=test") && settings.data().train().contains("split=train"), name);
        }
        // the MLPs train as the README's results say: Adam at 1e-3, cosine decay per step to 0 over the 10 epochs,
        // and Fashion-MNIST's exactly as MNIST's ("the same MLP and training")
        TrainingSpec mnistTraining = parse("mnist-mlp").variants().getFirst().settings().training();
        assertEquals(parse("fashion-mlp").variants().getFirst().settings().training(), mnistTraining);
        assertEquals("adam", mnistTraining.optimizer());
        assertEquals(1e-3, mnistTraining.learningRate());
        assertEquals(new Budget(10, Budget.Unit.EPOCHS), mnistTraining.budget());
        assertEquals(128, mnistTraining.batchSize());
        ScheduleSpec schedule = mnistTraining.schedule();
        assertEquals("cosine", schedule.kind());
        assertFalse(schedule.perEpoch());
        long steps = new VariantRunner.TrainingSpecSteps(mnistTraining, 60_000).trainingSteps();
        assertEquals(4690, steps);
        var rates = schedule.schedule(steps);
        assertEquals(1e-3, rates.learningRate(1e-3, 0), 1e-15);
        assertEquals(0.5e-3, rates.learningRate(1e-3, steps / 2), 1e-15);
        assertTrue(rates.learningRate(1e-3, steps - 1) < 1e-9);
        ExperimentSpec cnn = parse("mnist-cnn");
        List<LayerSpec> layers = cnn.variants().getFirst().settings().model().layers();
        assertEquals(List.of(1, 28, 28), cnn.variants().getFirst().settings().model().input());
        assertEquals(2, layers.stream().filter(l -> l instanceof LayerSpec.Conv2d).count());
        assertEquals(2, layers.stream().filter(l -> l instanceof LayerSpec.Pool).count());
        assertEquals(2, layers.stream().filter(l -> l instanceof LayerSpec.Linear).count());
    }

    @Test
    void theRealDataBuiltinsRunOnTheMnistTestSliceForAFewSteps() throws IOException, URISyntaxException {
        Path datasets = Path.of(BuiltinExperimentsTest.class.getResource("/datasets/mnist").toURI()).getParent();
        for (String name : List.of("mnist-mlp", "mnist-cnn", "fashion-mlp")) {
            String yaml = BuiltinExperiments.yaml(name).orElseThrow();
            // the slice is MNIST's: Fashion-MNIST has the same format, so its spec runs on it as well
            String layout = name.equals("mnist-cnn") ? "&layout=nchw" : "";
            String uri = "'mnist:?split=test&checksum=skip" + layout + "'";
            ExperimentSpec spec = ExperimentSpec.parse(YamlNode.parse(yaml, BuiltinExperiments.source(name)), List.of(
                    ExperimentSpec.commandLineOverride("data={train: " + uri + ", test: " + uri + "}"))).withSteps(3);
            RunSummary summary = new ExperimentRunner(spec, yaml, dir.resolve(name),
                    ExperimentRunner.Options.defaults().withParallelism(1).withDatasetsRoot(datasets)).run();
            assertEquals("complete", summary.status(), name);
            VariantSummary v = summary.variants().getFirst();
            assertEquals("complete", v.status(), name + ": " + v.error());
            assertEquals(3, v.steps(), name);
            assertTrue(v.testAccuracy() >= 0 && v.testAccuracy() <= 1 && Double.isFinite(v.testLoss()), name + ": " + v);
        }
    }

    private static ExperimentSpec parse(String name) {
        return ExperimentSpec.parse(BuiltinExperiments.yaml(name).orElseThrow(), BuiltinExperiments.source(name));
    }

    @Test
    void mnistDepthRunsOnTheMnistTestSliceForAFewSteps() throws IOException, URISyntaxException {
        Path datasets = Path.of(BuiltinExperimentsTest.class.getResource("/datasets/mnist").toURI()).getParent();
        String yaml = BuiltinExperiments.yaml("mnist-depth").orElseThrow();
        ExperimentSpec spec = ExperimentSpec.parse(YamlNode.parse(yaml, BuiltinExperiments.source("mnist-depth")), List.of(
                ExperimentSpec.commandLineOverride("data={train: 'mnist:?split=test&checksum=skip', test: 'mnist:?split=test&checksum=skip'}")))
                .withSteps(3);
        RunSummary summary = new ExperimentRunner(spec, yaml, dir.resolve("run"),
                ExperimentRunner.Options.defaults().withParallelism(2).withDatasetsRoot(datasets).withProvenance(Map.of("note", "slice"))).run();
        assertEquals("complete", summary.status());
        for (VariantSummary v : summary.variants()) {
            assertEquals("complete", v.status(), v.name() + ": " + v.error());
            assertEquals(3, v.steps());
            assertTrue(v.accuracy() >= 0 && v.accuracy() <= 1 && v.testAccuracy() >= 0 && v.testAccuracy() <= 1, v.toString());
        }
        assertEquals("slice", summary.provenance().get("note"));
        // 30 sigmoid layers at PyTorch's default init: the first layer's gradient has all but vanished
        assertTrue(summary.variants().getFirst().firstLayerBackpropInit() * 1e6 < summary.variants().get(1).firstLayerBackpropInit(),
                summary.variants().toString());
    }
}
