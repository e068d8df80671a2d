package dev.gradflow.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe history's retention policy: all records up to the capacity, then a thinned sample plus pinned records. */
class ProbeHistoryTest {

    private static StepRecord record(long step, double loss) {
        ParameterStats p = new ParameterStats("0.weight", 1, 1, 1, 0, 0, 1, 1e-3, 1e-3);
        return new StepRecord(step, loss, 0.1, Double.NaN, false, List.of(), List.of(p));
    }

    private static StepRecord nonFinite(long step) {
        ParameterStats p = new ParameterStats("0.weight", Double.NaN, Double.NaN, 1, 0, 3, 1, 1e-3, 1e-3);
        return new StepRecord(step, 0.5, 0.1, Double.NaN, false, List.of(), List.of(p));
    }

    private static List<Long> steps(List<StepRecord> records) {
        List<Long> out = new ArrayList<>();
        for (StepRecord r : records) out.add(r.step());
        return out;
    }

    @Test
    void keepsEveryRecordUpToTheCapacity() {
        ProbeHistory h = new ProbeHistory(8);
        for (int s = 1; s <= 8; s++) h.add(record(s, 1.0 / s));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), steps(h.records()));
        assertEquals(8, h.published());
    }

    @Test
    void beyondTheCapacityKeepsAnEvenlyThinnedSampleAndTheLatest() {
        ProbeHistory h = new ProbeHistory(8);
        for (int s = 1; s <= 9; s++) h.add(record(s, 1.0 / s));
        assertEquals(List.of(1L, 3L, 5L, 7L, 9L), steps(h.records()), "every second record, stride 2");
        for (int s = 10; s <= 1000; s++) h.add(record(s, 1.0 / s));
        List<StepRecord> kept = h.records();
        assertEquals(1000, h.published());
        assertTrue(kept.size() <= 8 + 3, "bounded: " + kept.size());
        assertEquals(1L, kept.getFirst().step(), "the first record stays");
        assertEquals(1000L, kept.getLast().step(), "the latest record is always there");
        List<Long> sample = steps(kept.subList(0, kept.size() - 1));
        long stride = sample.get(1) - sample.get(0);
        assertEquals(Long.bitCount(stride), 1, "a power-of-two stride: " + sample);
        for (int i = 0; i < sample.size(); i++) assertEquals(1 + i * stride, sample.get(i), "evenly spaced: " + sample);
        assertTrue(sample.size() >= 4, "at least half the capacity: " + sample);
    }

    @Test
    void pinsTheFirstNonFiniteRecordAndTheHighestLoss() {
        ProbeHistory h = new ProbeHistory(4);
        for (int s = 1; s <= 500; s++) {
            if (s == 37 || s == 38) h.add(nonFinite(s));
            else h.add(record(s, s == 123 ? 50.0 : 1.0 / s));
        }
        List<StepRecord> kept = h.records();
        assertTrue(steps(kept).contains(37L), "first non-finite: " + steps(kept));
        assertTrue(!steps(kept).contains(38L), "only the first non-finite one: " + steps(kept));
        assertTrue(steps(kept).contains(123L), "highest loss: " + steps(kept));
        for (int i = 1; i < kept.size(); i++) assertTrue(kept.get(i - 1).step() < kept.get(i).step(), "oldest first, each once");
    }

    @Test
    void detectorsSeeWhatTheyWouldSeeOnTheFullHistory() {
        List<StepRecord> all = new ArrayList<>();
        ProbeHistory h = new ProbeHistory(16);
        for (int s = 1; s <= 3000; s++) {
            StepRecord r = s == 2001 ? nonFinite(s) : record(s, s == 700 ? 30.0 : 2.0 - s * 1e-4);
            all.add(r);
            h.add(r);
        }
        ModelAnatomy anatomy = ModelAnatomy.of(TestModels.mlp(4, 8, 2, "relu", TestModels.Law.HE, 1.0, 1));
        DiagnosticContext full = new DiagnosticContext(anatomy, all, DetectorThresholds.defaults());
        DiagnosticContext kept = new DiagnosticContext(anatomy, h.records(), DetectorThresholds.defaults());
        assertSame(full.first(), kept.first());
        assertSame(full.latest(), kept.latest());
        List<Finding> findings = Diagnosis.findings(full);
        assertTrue(findings.stream().anyMatch(f -> f.kind() == Finding.Kind.NON_FINITE), findings.toString());
        assertEquals(findings, Diagnosis.findings(kept));
    }

    @Test
    void rejectsACapacityBelowTwo() {
        assertThrows(IllegalArgumentException.class, () -> new ProbeHistory(1));
        assertThrows(IllegalArgumentException.class, () -> ProbeConfig.defaults().withHistoryCapacity(0));
    }

    @Test
    void aProbeKeepsItsHistoryBounded() {
        var model = TestModels.mlp(4, 8, 2, "relu", TestModels.Law.HE, 1.0, 1);
        GradientFlowProbe probe = new GradientFlowProbe(model, ProbeConfig.defaults().withHistoryCapacity(4));
        var random = new java.util.SplittableRandom(3);
        var x = dev.gradflow.tensor.Tensor.randn(random, 5, 4);
        for (int s = 1; s <= 20; s++) {
            probe.beginStep(s);
            var loss = model.forward(x).mul(model.forward(x)).mean();
            loss.backward();
            probe.afterBackward(loss.item(), 0.1);
            probe.endStep(Double.NaN, false);
            for (var p : model.parameters()) p.zeroGrad();
        }
        assertEquals(20, probe.recordsPublished());
        assertTrue(probe.history().size() <= 4 + 3, "bounded: " + probe.history().size());
        assertEquals(20L, probe.history().getLast().step());
        assertEquals(1L, probe.history().getFirst().step());
    }
}
