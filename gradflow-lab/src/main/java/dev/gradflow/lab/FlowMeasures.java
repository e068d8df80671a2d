package dev.gradflow.lab;

import dev.gradflow.diagnostics.DetectorThresholds;
import dev.gradflow.diagnostics.DiagnosticContext;
import dev.gradflow.diagnostics.Diagnosis;
import dev.gradflow.diagnostics.Finding;
import dev.gradflow.diagnostics.GradientFlowProfile;
import dev.gradflow.diagnostics.ModelAnatomy;
import dev.gradflow.diagnostics.StepRecord;
import java.util.List;

/**
 * What a variant's probe history says about its gradient flow, for {@link VariantSummary}: at the first and the
 * last recorded step, the first weight layer's weight-gradient norm and backpropagated RMS and the decades per
 * layer ({@link GradientFlowProfile}), and the detectors' findings over the whole history ({@link Diagnosis}).
 * Every number is NaN when nothing was recorded.
 */
record FlowMeasures(double gradInit, double gradEnd, double backpropInit, double backpropEnd, double decadesInit,
                    double decadesEnd, List<Finding> findings) {

    static final FlowMeasures NONE = new FlowMeasures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of());

    static FlowMeasures of(ModelAnatomy anatomy, List<StepRecord> records) {
        if (records.isEmpty() || anatomy.layers().isEmpty()) return NONE;
        GradientFlowProfile first = GradientFlowProfile.of(anatomy, records.getFirst());
        GradientFlowProfile last = GradientFlowProfile.of(anatomy, records.getLast());
        List<Finding> findings = Diagnosis.findings(new DiagnosticContext(anatomy, records, DetectorThresholds.defaults()));
        return new FlowMeasures(first.points().getFirst().weightGradL2(), last.points().getFirst().weightGradL2(),
                first.points().getFirst().backpropRms(), last.points().getFirst().backpropRms(), first.decadesPerLayer(),
                last.decadesPerLayer(), findings);
    }
}
