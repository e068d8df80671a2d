package dev.gradflow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.data.Task;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    @Test
    void defaultsAreFullBatchRegressionWithoutExtras() {
        TrainingConfig c = TrainingConfig.DEFAULTS;
        assertEquals(Batching.fullBatch(), c.batching());
        assertEquals(Budget.steps(1000), c.budget());
        assertEquals(ValidationSplit.NONE, c.validation());
        assertEquals(EarlyStopping.OFF, c.earlyStopping());
        assertEquals(Task.REGRESSION, c.task());
        assertEquals(GlobalNormClipping.OFF, c.clipping());
    }

    @Test
    void badSettingsAreRejectedWithTheSettingNamed() {
        assertMessage("early stopping watches the validation loss",
                () -> TrainingConfig.DEFAULTS.withEarlyStopping(new EarlyStopping(3, 0)));
        assertMessage("evaluation interval must be at least 1", () -> TrainingConfig.DEFAULTS.withEvaluationInterval(0));
        assertMessage("batch size must be at least 1", () -> Batching.miniBatch(0, 1));
        assertMessage("needs at least 1", () -> Budget.epochs(0));
        assertMessage("fraction must be in [0, 1)", () -> new ValidationSplit(1.0, 0));
        assertMessage("max norm must be > 0", () -> new GlobalNormClipping(0));
        assertMessage("patience must be >= 0", () -> new EarlyStopping(-1, 0));
    }

    @Test
    void epochBudgetCountsBatches() {
        assertEquals(12, Budget.epochs(3).totalSteps(4));
        assertEquals(7, Budget.steps(7).totalSteps(4));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }
}
