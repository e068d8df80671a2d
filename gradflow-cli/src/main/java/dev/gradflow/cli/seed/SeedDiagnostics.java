package dev.gradflow.cli.seed;

import dev.gradflow.diagnostics.DetectorThresholds;
import dev.gradflow.diagnostics.DiagnosticContext;
import dev.gradflow.diagnostics.Diagnosis;
import dev.gradflow.diagnostics.Finding;
import dev.gradflow.diagnostics.GradientFlowProfile;
import dev.gradflow.diagnostics.ModelAnatomy;
import dev.gradflow.diagnostics.ParameterStats;
import dev.gradflow.diagnostics.StepRecord;
import dev.gradflow.nn.Module;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gradient-flow numbers of one seed run, read from its probe history (one record per step). */
record SeedDiagnostics(double gradRatioFirstStep, double gradRatioLastStep, Map<String, Double> updateRatioFirstStep,
                       Map<String, Double> updateRatioLastStep, Map<String, Double> updateRatioMean, List<Finding> findings) {

    static SeedDiagnostics of(Module model, List<StepRecord> history) {
        ModelAnatomy anatomy = ModelAnatomy.of(model);
        StepRecord first = history.getFirst();
        StepRecord last = history.getLast();
        Map<String, Double> mean = new LinkedHashMap<>();
        for (StepRecord r : history) {
            for (ParameterStats p : r.parameters()) {
                if (p.name().endsWith(".weight")) mean.merge(p.name(), p.updateRatio() / history.size(), Double::sum);
            }
        }
        List<Finding> findings = Diagnosis.findings(new DiagnosticContext(anatomy, history, DetectorThresholds.defaults()));
        return new SeedDiagnostics(GradientFlowProfile.of(anatomy, first).weightGradRatio(),
                GradientFlowProfile.of(anatomy, last).weightGradRatio(), updateRatios(first), updateRatios(last), mean, findings);
    }

    private static Map<String, Double> updateRatios(StepRecord r) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ParameterStats p : r.parameters()) if (p.name().endsWith(".weight")) out.put(p.name(), p.updateRatio());
        return out;
    }
}
