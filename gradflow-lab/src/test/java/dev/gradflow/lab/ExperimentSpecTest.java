package dev.gradflow.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.optim.OptimizerOption;
import dev.gradflow.spec.LayerSpec;
import dev.gradflow.spec.SpecException;
import dev.gradflow.spec.YamlNode;
import dev.gradflow.train.Budget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentSpecTest {
    /** A base spec; tests append a grid (line 13 onwards). */
    static final String BASE = """
            name: tiny
            description: a test
            data: synthetic:linear?n=64&d=4
            model:
              mlp: {input: 4, width: 8, depth: 3, activation: tanh}
              loss: mse
            training:
              optimizer: sgd
              lr: 0.05
              steps: 20
              batch_size: 16
            probes: {interval: 5}
            """;

    private static ExperimentSpec parse(String yaml) {
        return ExperimentSpec.parse(yaml, "exp.yaml");
    }

    private static void assertError(String yaml, String fragment) {
        String message = error(yaml).getMessage();
        assertTrue(message.contains(fragment), message);
    }

    private static SpecException error(String yaml) {
        return assertThrows(SpecException.class, () -> parse(yaml));
    }

    @Test
    void aRecipesSeedsOverrideTheSpecsAndTravelWithIt() {
        ExperimentRecipe recipe = ExperimentRecipe.of(BASE, "exp.yaml").withSeeds(List.of(7L, 8L, 9L)).withSteps(4);
        List<ExperimentSpec.Run> runs = recipe.spec().runs();
        assertEquals(List.of("base,seed=7", "base,seed=8", "base,seed=9"), runs.stream().map(ExperimentSpec.Run::name).toList());
        assertEquals(List.of(7L, 8L, 9L), recipe.withSteps(5).spec().seeds(), "seeds survive withSteps");
        assertThrows(IllegalArgumentException.class, () -> parse(BASE).withSeeds(List.of()));
    }

    @Test
    void l1AndL2TogetherAreTheElasticNet() {
        var penalties = parse(BASE.replace("  steps: 20", "  steps: 20\n  l1: 0.01\n  l2: 0.02")).variants().get(0).settings().training().penalties();
        assertEquals(2, penalties.size());
        assertEquals(0.01, penalties.get(0).strength());
        assertTrue(penalties.get(0) instanceof dev.gradflow.regularize.L1Penalty, penalties.toString());
        assertEquals(0.02, penalties.get(1).strength());
        assertTrue(penalties.get(1) instanceof dev.gradflow.regularize.L2Penalty, penalties.toString());
        assertTrue(parse(BASE).variants().get(0).settings().training().penalties().isEmpty());
    }

    @Test
    void readsTheBaseSettings() {
        ExperimentSpec spec = parse(BASE);
        assertEquals("tiny", spec.name());
        assertEquals("a test", spec.description());
        assertEquals(List.of(0L), spec.seeds());
        assertEquals(1, spec.variants().size());
        ExperimentSpec.Variant base = spec.variants().getFirst();
        assertEquals("base", base.name());
        assertEquals(Map.of(), base.overrides());
        VariantSettings s = base.settings();
        assertEquals("synthetic:linear?n=64&d=4", s.data().train());
        assertNull(s.data().test());
        assertEquals(5, s.probeInterval());
        assertEquals("sgd", s.training().optimizer());
        assertEquals(0.05, s.training().learningRate());
        assertEquals(Budget.steps(20), s.training().budget());
        assertEquals(16, s.training().batchSize());
        assertEquals(Double.POSITIVE_INFINITY, s.training().clipNorm());
        // mlp depth 3: three [linear, tanh] pairs and the output layer
        assertEquals(7, s.model().layers().size());
        assertEquals("mse", s.model().loss().name());
    }

    @Test
    void namedVariantsApplyTheirOverridesToTheYamlBeforeReading() {
        ExperimentSpec spec = parse(BASE + """
                grid:
                  - name: baseline
                  - name: adam
                    set: {training.optimizer: {adam: {betas: [0.8, 0.99], weight_decay: 0.01}}, training.lr: 0.001}
                  - name: he
                    set: {model.mlp.activation: relu, model.mlp.init: {xavier_normal: {gain: 3}}, training.clip_norm: 1.5}
                """);
        assertEquals(List.of("baseline", "adam", "he"), spec.variants().stream().map(ExperimentSpec.Variant::name).toList());
        TrainingSpec adam = spec.variants().get(1).settings().training();
        assertEquals("adam", adam.optimizer());
        assertEquals(0.001, adam.learningRate());
        assertEquals(List.of(new OptimizerOption.Betas(0.8, 0.99), new OptimizerOption.WeightDecay(0.01)), adam.optimizerOptions());
        assertEquals(Map.of("training.optimizer", "{adam: {betas: [0.8, 0.99], weight_decay: 0.01}}", "training.lr", "0.001"),
                spec.variants().get(1).overrides());
        ExperimentSpec.Variant he = spec.variants().get(2);
        LayerSpec.Linear first = (LayerSpec.Linear) he.settings().model().layers().getFirst();
        assertEquals("xavier_normal", first.init());
        assertEquals(Map.of("gain", 3.0), first.initParameters());
        assertEquals("relu", he.settings().model().layers().get(1).kind());
        assertEquals(1.5, he.settings().training().clipNorm());
        // the base is untouched by the variants
        assertEquals("tanh", spec.variants().getFirst().settings().model().layers().get(1).kind());
    }

    @Test
    void productExpandsToEveryCombinationNamedByItsValues() {
        ExperimentSpec spec = parse(BASE + """
                seeds: [3, 4]
                grid:
                  - name: first
                  - product:
                      model.mlp.depth: [2, 10, 50]
                      model.mlp.activation: [relu, tanh]
                    set: {training.steps: 7}
                  - name: wide
                    product:
                      model.mlp.init: [he_normal, {xavier_normal: {gain: 2}}]
                """);
        List<String> names = spec.variants().stream().map(ExperimentSpec.Variant::name).toList();
        assertEquals(List.of("first", "depth=2,activation=relu", "depth=2,activation=tanh", "depth=10,activation=relu",
                "depth=10,activation=tanh", "depth=50,activation=relu", "depth=50,activation=tanh",
                "wide,init=he_normal", "wide,init=xavier_normal(gain=2)"), names);
        ExperimentSpec.Variant v = spec.variants().get(4);
        assertEquals(Map.of("training.steps", "7", "model.mlp.depth", "10", "model.mlp.activation", "tanh"), v.overrides());
        assertEquals(Budget.steps(7), v.settings().training().budget());
        assertEquals(10 * 2 + 1, v.settings().model().layers().size());
        assertEquals(Map.of("model.mlp.depth", List.of("2", "10", "50"), "model.mlp.activation", List.of("relu", "tanh"),
                "model.mlp.init", List.of("he_normal", "{xavier_normal: {gain: 2}}")), spec.axes());

        // every variant runs once per seed
        List<ExperimentSpec.Run> runs = spec.runs();
        assertEquals(9 * 2, runs.size());
        assertEquals("first,seed=3", runs.get(0).name());
        assertEquals("first,seed=4", runs.get(1).name());
        assertEquals(4L, runs.get(1).seed());
        assertEquals("depth=2,activation=relu,seed=3", runs.get(2).name());
    }

    @Test
    void productKeysThatShareTheirLastPartAreNamedByTheWholePath() {
        ExperimentSpec spec = parse(BASE.replace("training:", "training:\n  schedule: {kind: step, step_size: 5}") + """
                grid:
                  - product:
                      training.lr_find.steps: [50]
                      training.steps: [10]
                      model.mlp.depth: [2]
                """);
        assertEquals("training.lr_find.steps=50,training.steps=10,depth=2", spec.variants().getFirst().name());
    }

    @Test
    void oneSeedKeepsTheVariantNamesAndEverySeedIsUsed() {
        ExperimentSpec spec = parse(BASE + "seeds: [11]\n");
        assertEquals(List.of("base"), spec.runs().stream().map(ExperimentSpec.Run::name).toList());
        assertEquals(11L, spec.runs().getFirst().seed());
    }

    @Test
    void anUnknownKeyNamesFileLineAndKey() {
        SpecException e = error(BASE.replace("  lr: 0.05", "  learning_rate: 0.05"));
        assertTrue(e.getMessage().startsWith("exp.yaml:9:18: training.learning_rate: unknown key 'learning_rate'"), e.getMessage());
        assertEquals(9, e.line());

        e = error(BASE + "colour: blue\n");
        assertTrue(e.getMessage().startsWith("exp.yaml:13:9: colour: unknown key 'colour'"), e.getMessage());

        e = error(BASE.replace("depth: 3,", "depht: 3,"));
        assertTrue(e.getMessage().contains("model.mlp.depht: unknown key 'depht'"), e.getMessage());
    }

    @Test
    void aBadOverrideNamesItsKeyAndTheLineItIsWrittenOn() {
        SpecException e = error(BASE + """
                grid:
                  - name: ok
                  - name: typo
                    set: {training.optimzer: adam}
                """);
        assertEquals(16, e.line());
        assertTrue(e.getMessage().startsWith("exp.yaml:16:30: training.optimzer: unknown key 'optimzer'"), e.getMessage());

        e = error(BASE + """
                grid:
                  - product:
                      model.mlp.depth: [2, deep]
                """);
        assertEquals(15, e.line());
        assertTrue(e.getMessage().contains("model.mlp.depth: expected an integer, got \"deep\""), e.getMessage());

        e = error(BASE + """
                grid:
                  - name: x
                    set: {seeds: [1]}
                """);
        assertTrue(e.getMessage().contains("only data, model, training and probes can be overridden, not 'seeds'"), e.getMessage());

        e = error(BASE + """
                grid:
                  - name: x
                    set: {training.lr.value: 1}
                """);
        assertTrue(e.getMessage().contains("cannot set training.lr.value: training.lr is a single value, not a mapping"), e.getMessage());

        e = error(BASE + """
                grid:
                  - name: x
                    set: {model.layers.0.linear.out: 5}
                """);
        assertTrue(e.getMessage().contains("give either an 'mlp' template or 'input' and 'layers', not both"), e.getMessage());
    }

    @Test
    void anEmptyGridFails() {
        SpecException e = error(BASE + "grid: []\n");
        assertTrue(e.getMessage().startsWith("exp.yaml:13:7: grid: the grid lists no variants"), e.getMessage());
        e = error(BASE + "grid:\n");
        assertTrue(e.getMessage().contains("the grid lists no variants"), e.getMessage());
        e = error(BASE + "grid:\n  - product:\n      model.mlp.depth: []\n");
        assertTrue(e.getMessage().contains("'model.mlp.depth' lists no values"), e.getMessage());
        e = error(BASE + "seeds: []\n");
        assertTrue(e.getMessage().contains("seeds lists no seed"), e.getMessage());
    }

    @Test
    void wrongTypesNameTheKey() {
        assertError(BASE.replace("lr: 0.05", "lr: fast"), "training.lr: expected a number, got \"fast\"");
        assertError(BASE.replace("steps: 20", "steps: -3"), "training.steps: expected a positive integer, got -3");
        assertError(BASE.replace("batch_size: 16", "batch_size: [16]"), "training.batch_size: expected a single value, got a list");
        assertError(BASE.replace("probes: {interval: 5}", "probes: 5"), "probes: expected a mapping");
        assertError(BASE + "seeds: [one]\n", "seeds[0]: expected an integer seed, got \"one\"");
        assertError(BASE + "seeds: [1, 1]\n", "seed 1 is listed twice");
        assertError(BASE.replace("optimizer: sgd", "optimizer: adamm"), "training.optimizer: unknown optimizer 'adamm'");
        assertError(BASE.replace("optimizer: sgd", "optimizer: {sgd: {eps: 0.1}}"), "training.optimizer: sgd has no option eps");
        assertError(BASE.replace("optimizer: sgd", "optimizer: {sgd: {momentum: lots}}"), "training.optimizer.sgd.momentum: optimizer option momentum needs a number");
        assertTrue(error(BASE.replace("synthetic:linear?n=64&d=4", "synthetic:linear?rows=64")).getMessage().startsWith("exp.yaml:3:7: data: "));
        assertError(BASE.replace("  steps: 20", "  steps: 20\n  epochs: 2"), "training.epochs: give steps or epochs, not both");
        assertError(BASE.replace("  steps: 20", "  steps: 20\n  l1: -0.1"), "training.l1:");
        assertError(BASE.replace("  steps: 20", "  steps: 20\n  early_stopping: {patience: 3}"), "early stopping watches the validation loss");
        assertError(BASE.replace("activation: tanh", "activation: swish"), "model.mlp.activation: must be one of");
        assertError(BASE.replace("activation: tanh", "activation: tanh, init: {xavier_normal: {gian: 2}}"), "model.mlp.init: xavier_normal: unknown parameter(s) [gian]");
    }

    @Test
    void namesAreChecked() {
        assertError(BASE.replace("name: tiny", "name: my run"), "an experiment name holds letters");
        assertError(BASE + "grid:\n  - name: a/b\n", "a variant name starts with a letter or digit");
        assertError(BASE + "grid:\n  - name: a\n  - name: a\n", "two variants are named 'a'");
        assertError(BASE + "grid:\n  - set: {training.lr: 1}\n", "a grid entry needs a 'name'");
        assertError(BASE.replace("name: tiny\n", ""), "missing key 'name'");
    }

    @Test
    void commandLineOverridesApplyToEveryVariantLast() {
        ExperimentSpec spec = ExperimentSpec.parse(YamlNode.parse(BASE + """
                grid:
                  - name: a
                    set: {training.lr: 0.3}
                  - name: b
                """, "exp.yaml"), List.of(ExperimentSpec.commandLineOverride("training.lr=0.7"),
                ExperimentSpec.commandLineOverride("data={train: 'synthetic:linear?n=32&d=4', test: 'synthetic:linear?n=8&d=4&seed=1'}")));
        for (ExperimentSpec.Variant v : spec.variants()) {
            assertEquals(0.7, v.settings().training().learningRate());
            assertEquals("synthetic:linear?n=8&d=4&seed=1", v.settings().data().test());
        }
        SpecException e = assertThrows(SpecException.class, () -> ExperimentSpec.parse(YamlNode.parse(BASE, "exp.yaml"),
                List.of(ExperimentSpec.commandLineOverride("training.lr=slow"))));
        assertTrue(e.getMessage().startsWith("--set training.lr=slow:1:1: training.lr: expected a number"), e.getMessage());
        assertThrows(SpecException.class, () -> ExperimentSpec.commandLineOverride("training.lr"));
    }

    @Test
    void withStepsSetsEveryBudget() {
        ExperimentSpec spec = parse(BASE.replace("steps: 20", "epochs: 4")).withSteps(3);
        assertEquals(Budget.steps(3), spec.variants().getFirst().settings().training().budget());
    }
}
