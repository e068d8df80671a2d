package dev.gradflow.diagnostics;

import java.util.List;

/**
 * What detectors look at: the model's anatomy, the probe records (oldest first; at least one), and thresholds.
 * A pre-flight analysis passes one averaged record; a training run passes its history.
 */
public record DiagnosticContext(ModelAnatomy anatomy, List<StepRecord> records, DetectorThresholds thresholds) {

    public DiagnosticContext {
        records = List.copyOf(records);
        if (records.isEmpty()) throw new IllegalArgumentException("diagnostics need at least one recorded step");
    }

    public StepRecord first() {
        return records.get(0);
    }

    public StepRecord latest() {
        return records.get(records.size() - 1);
    }
}
