package dev.gradflow.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.optim.Sgd;
import dev.gradflow.optim.SgdConfig;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every case of PyTorch's schedules.json (1e-12 relative, in double), composition, and the scheduler. */
class LearningRateScheduleTest {
    private static final double RTOL = 1e-12;

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : Golden.cases("schedules.json")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText() + " " + c.get("config"), () -> run(c)));
        }
        return tests.stream();
    }

    private static void run(JsonNode c) {
        JsonNode config = c.get("config");
        LearningRateSchedule schedule = switch (c.get("name").asText()) {
            case "step" -> new StepDecay(config.get("step_size").asInt(), config.get("gamma").asDouble());
            case "exponential" -> new ExponentialDecay(config.get("gamma").asDouble());
            case "cosine" -> new CosineAnnealing(config.get("t_max").asInt(), config.get("eta_min").asDouble());
            case "linear_warmup" -> LinearWarmup.of(config.get("start_factor").asDouble(), config.get("total_iters").asInt());
            default -> throw new IllegalStateException("no schedule for golden case " + c.get("name"));
        };
        double base = config.get("base_lr").asDouble();
        double[] expected = Golden.doubles(c.get("lr_per_epoch"));
        for (int epoch = 0; epoch < expected.length; epoch++) {
            assertClose(expected[epoch], schedule.learningRate(base, epoch), "epoch " + epoch);
        }
        // The scheduler applied to an optimizer reads the same values.
        Optimizer optimizer = sgd(base);
        LearningRateScheduler scheduler = new LearningRateScheduler(optimizer, schedule);
        for (int epoch = 0; epoch < expected.length; epoch++) {
            assertClose(expected[epoch], optimizer.learningRate(), "optimizer at epoch " + epoch);
            scheduler.step();
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, RTOL * Math.abs(expected), what);
    }

    private static Optimizer sgd(double lr) {
        return new Sgd(List.of(Tensor.zeros(1).requiresGrad(true)), SgdConfig.defaults().withLearningRate(lr));
    }

    @Test
    void warmupThenCosineRestartsTheSecondScheduleAtZero() {
        // SequentialLR([LinearLR(start_factor=0.1, total_iters=3), CosineAnnealingLR(T_max=4)], milestones=[3]).
        var schedule = new WarmupThen(LinearWarmup.of(0.1, 3), new CosineAnnealing(4, 0), 3);
        double base = 0.1;
        double[] expected = {
            0.1 * 0.1, 0.1 * (0.1 + 0.9 / 3), 0.1 * (0.1 + 0.9 * 2 / 3),
            0.1, 0.1 * (1 + Math.cos(Math.PI / 4)) / 2, 0.05, 0.1 * (1 + Math.cos(3 * Math.PI / 4)) / 2, 0.0,
        };
        for (int t = 0; t < expected.length; t++) assertEquals(expected[t], schedule.learningRate(base, t), 1e-15, "step " + t);
    }

    @Test
    void schedulerTakesTheBaseRateFromTheOptimizerAndResumesFromAPosition() {
        Optimizer optimizer = sgd(0.2);
        var scheduler = new LearningRateScheduler(optimizer, new StepDecay(2, 0.5));
        assertEquals(0.2, scheduler.baseLearningRate());
        scheduler.step();
        scheduler.step();
        scheduler.step();
        assertEquals(3, scheduler.stepIndex());
        assertEquals(0.1, optimizer.learningRate());

        Optimizer resumedOptimizer = sgd(0.2);
        var resumed = new LearningRateScheduler(resumedOptimizer, new StepDecay(2, 0.5));
        resumed.restore(scheduler.position());
        assertEquals(0.1, resumedOptimizer.learningRate());
        resumed.step();
        scheduler.step();
        assertEquals(optimizer.learningRate(), resumedOptimizer.learningRate());
        assertEquals(0.05, resumedOptimizer.learningRate());
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(3, -0.5));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealing(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealing(10, -1e-3));
        assertThrows(IllegalArgumentException.class, () -> LinearWarmup.of(0, 5));
        assertThrows(IllegalArgumentException.class, () -> LinearWarmup.of(1.5, 5));
        assertThrows(IllegalArgumentException.class, () -> new LinearWarmup(0.1, 1.2, 5));
        assertThrows(IllegalArgumentException.class, () -> LinearWarmup.of(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new WarmupThen(LinearWarmup.of(0.1, 3), null, 3));
        assertThrows(IllegalArgumentException.class, () -> new WarmupThen(LinearWarmup.of(0.1, 3), new ExponentialDecay(0.9), 0));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.9).learningRate(0.1, -1));
    }
}
