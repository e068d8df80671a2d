package dev.gradflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.VariantSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridDataTest {
    static VariantSummary variant(String name, Map<String, String> overrides, String status, double lossInitial, double lossFinal,
                                  double backprop) {
        return new VariantSummary(name, overrides, status, status.equals("failed") ? "diverged at step 3" : null, 10, lossInitial,
                lossFinal, 0.5, 1e-3, 1e-3, backprop, backprop, -0.5, -0.4, List.of(), 1.0);
    }

    static Map<String, String> at(String depth, String activation, String init) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("model.mlp.depth", depth);
        out.put("model.mlp.activation", activation);
        out.put("model.mlp.init", init);
        return out;
    }

    static Map<String, List<String>> axes() {
        Map<String, List<String>> axes = new LinkedHashMap<>();
        axes.put("model.mlp.depth", List.of("2", "50"));
        axes.put("model.mlp.activation", List.of("sigmoid", "relu"));
        axes.put("model.mlp.init", List.of("standard", "matched"));
        return axes;
    }

    @Test
    void eachVariantOnTheGridIsACellAtItsCoordinatesWithItsMeasures() {
        List<VariantSummary> variants = new ArrayList<>();
        variants.add(variant("named-beside-the-product", Map.of("training.lr", "0.1"), "complete", 2, 1, 0.1));
        variants.add(variant("depth=2,activation=sigmoid,init=standard", at("2", "sigmoid", "standard"), "complete", 2.0, 0.5, 0.01));
        variants.add(variant("depth=50,activation=relu,init=matched", at("50", "relu", "matched"), "failed", 2.0, Double.NaN, 0.2));
        variants.add(variant("depth=50,activation=sigmoid,init=standard", at("50", "sigmoid", "standard"), "complete", 2.0, 2.0, 1e-14));
        GridData grid = GridData.of(new RunSummary("depth", "", "complete", variants, Map.of(), axes()));
        assertEquals(List.of("depth", "activation", "init"), grid.axes().stream().map(GridData.Axis::label).toList());
        assertEquals(3, grid.cells().size(), "the named variant has no coordinates");
        GridData.Cell first = grid.cells().get(0);
        assertEquals(List.of(0, 0, 0), first.coordinates());
        assertEquals(0.25, first.lossRatio(), 1e-12);
        assertEquals(0.01, first.backpropInit(), 1e-12);
        GridData.Cell failed = grid.cells().get(1);
        assertEquals(List.of(1, 1, 1), failed.coordinates());
        assertEquals("failed", failed.status());
        assertEquals("diverged at step 3", failed.error());
        assertTrue(Double.isNaN(failed.lossRatio()) && Double.isNaN(failed.accuracy()), "no outcome for a failed run");
        assertEquals(0.2, failed.backpropInit(), 1e-12, "the gradient at step 1 was measured before it failed");
        assertEquals(1.0, grid.cells().get(2).lossRatio(), 1e-12);
    }

    @Test
    void severalSeedsInOneCellAreCombinedLogMeasuresGeometrically() {
        List<VariantSummary> variants = List.of(
                variant("depth=2,activation=relu,init=matched,seed=0", at("2", "relu", "matched"), "complete", 1.0, 0.01, 1e-2),
                variant("depth=2,activation=relu,init=matched,seed=1", at("2", "relu", "matched"), "complete", 1.0, 1.0, 1e-4),
                variant("depth=2,activation=relu,init=matched,seed=2", at("2", "relu", "matched"), "failed", 1.0, Double.NaN, 1e-8));
        GridData grid = GridData.of(new RunSummary("depth", "", "complete", variants, Map.of(), axes()));
        assertEquals(1, grid.cells().size());
        GridData.Cell cell = grid.cells().getFirst();
        assertEquals(3, cell.variants().size());
        assertEquals("complete", cell.status(), "a cell with a completed run is complete");
        assertEquals(0.1, cell.lossRatio(), 1e-12, "geometric mean of 0.01 and 1 over the completed runs");
        assertEquals(1e-3, cell.backpropInit(), 1e-15, "geometric mean of 1e-2 and 1e-4 over the completed runs");
        assertEquals(0.505, cell.lossFinal(), 1e-12);
    }

    @Test
    void noHeatmapWithoutTwoProductAxes() {
        VariantSummary v = variant("depth=2", Map.of("model.mlp.depth", "2"), "complete", 1, 0.5, 0.1);
        assertNull(GridData.of(new RunSummary("one-axis", "", "complete", List.of(v), Map.of(), Map.of("model.mlp.depth", List.of("2", "5")))));
        assertNull(GridData.of(new RunSummary("no-grid", "", "complete", List.of(v), Map.of())));
    }
}
