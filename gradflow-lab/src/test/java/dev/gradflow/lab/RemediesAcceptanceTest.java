package dev.gradflow.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in {@code remedies} experiment at initialization: every variant trained for one step, so the probes
 * record step 1 — the gradient each remedy gives the first layer before any update. Measured, never assumed:
 * ReLU + He init, BatchNorm and residual connections each raise the baseline's backpropagated gradient RMS at the
 * first layer by at least 100×; an L2 penalty alone does not (it does not enter the data loss's gradient).
 */
class RemediesAcceptanceTest {
    @TempDir
    Path dir;

    @Test
    void structuralRemediesRaiseTheFirstLayerGradientAtInitializationAndL2DoesNot() throws IOException {
        String yaml = BuiltinExperiments.yaml("remedies").orElseThrow();
        ExperimentSpec spec = ExperimentSpec.parse(yaml, BuiltinExperiments.source("remedies")).withSteps(1);
        RunSummary summary = new ExperimentRunner(spec, yaml, dir.resolve("run"), ExperimentRunner.Options.defaults().withParallelism(2)).run();
        Map<String, Double> atInit = new LinkedHashMap<>();
        for (VariantSummary v : summary.variants()) {
            assertEquals("complete", v.status(), v.name() + ": " + v.error());
            atInit.put(v.name(), v.firstLayerBackpropInit());
        }
        double baseline = atInit.get("baseline");
        assertTrue(baseline > 0 && baseline < 1e-6, "the baseline's first-layer gradient vanishes: " + baseline);
        for (String remedy : new String[] {"relu-he", "batchnorm", "residual"}) {
            double ratio = atInit.get(remedy) / baseline;
            assertTrue(ratio >= 100, remedy + " raises the first-layer backprop RMS by " + ratio + "x: " + atInit);
        }
        double l2 = atInit.get("l2") / baseline;
        assertTrue(l2 < 100, "L2 alone raises it by " + l2 + "x: " + atInit);
    }
}
