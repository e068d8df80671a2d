package dev.gradflow.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.VariantSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunTableTest {
    private static VariantSummary variant(double accuracy, double testAccuracy) {
        return new VariantSummary("base", Map.of(), "complete", null, 10, 2.3, 0.1, accuracy, 0.2, 0.1, 0.01, 0.02, -0.5, -0.4,
                List.of(), 1.5, 0, 1e-3, 0.12, testAccuracy, "budget_exhausted");
    }

    @Test
    void theTestAccuracyHasItsOwnColumnBesideTheTrainingAccuracy() {
        String table = RunTable.of(new RunSummary("x", "", "complete", List.of(variant(0.9973, 0.9798)), Map.of()));
        List<String> header = List.of(table.lines().findFirst().orElseThrow().split("\\s{2,}"));
        List<String> row = List.of(table.lines().skip(1).findFirst().orElseThrow().split("\\s{2,}"));
        assertEquals("99.73%", row.get(header.indexOf("accuracy")));
        assertEquals("97.98%", row.get(header.indexOf("test acc")));
        assertTrue(ProgressDisplay.line(variant(0.9973, 0.9798), 1, 1).contains("accuracy 99.7%, test accuracy 97.98%"));
    }

    @Test
    void withoutTestDataThereIsNoTestColumn() {
        String table = RunTable.of(new RunSummary("x", "", "complete", List.of(variant(0.9, Double.NaN)), Map.of()));
        assertFalse(table.contains("test acc"), table);
        assertFalse(ProgressDisplay.line(variant(0.9, Double.NaN), 1, 1).contains("test accuracy"));
    }
}
