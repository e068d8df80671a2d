package dev.gradflow.cli.diagnose;

import dev.gradflow.analysis.DiagnoseReport;
import dev.gradflow.diagnostics.Finding;
import java.util.Arrays;
import java.util.Locale;

/** The terminal form of a {@link DiagnoseReport}: layers, parameters, Jacobian spectrum, findings. */
final class DiagnoseText {
    private DiagnoseText() {}

    static String of(DiagnoseReport r, String name) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s at initialization: loss %s (%s)%n%n", name, g(r.loss()), r.runs() == 1 ? "one run" : "mean over " + r.runs() + " runs"));
        sb.append(String.format(Locale.ROOT, "%-5s %-12s %11s %11s %10s %10s %15s%n", "layer", "kind", "act mean", "act std",
                "saturated", "dead", "grad out RMS"));
        for (DiagnoseReport.Layer l : r.layers()) {
            sb.append(String.format(Locale.ROOT, "%-5d %-12s %11s %11s %10s %10s %15s%n", l.index(), l.kind(), g(l.activationMean()),
                    g(l.activationStd()), pct(l.saturatedFraction()), pct(l.deadFraction()), g(l.gradOutputRms())));
        }
        sb.append(String.format(Locale.ROOT, "(grad out RMS: RMS of ∂loss/∂output per example; it is what vanishes layer by layer)%n%n"));
        sb.append(String.format(Locale.ROOT, "%-24s %-14s %14s%n", "parameter", "shape", "grad L2 norm"));
        for (DiagnoseReport.Parameter p : r.parameters()) {
            sb.append(String.format(Locale.ROOT, "%-24s %-14s %14s%n", p.name(), Arrays.toString(p.shape()), g(p.gradL2Norm())));
        }
        sb.append('\n');
        if (r.jacobian() == null) {
            sb.append("Jacobian spectrum: skipped (network too large for an exact Jacobian)\n");
        } else {
            DiagnoseReport.Spectrum s = r.jacobian();
            sb.append(String.format(Locale.ROOT, "Jacobian ∂output/∂input: %d singular values, mean σ² %s, max %s, min %s, condition number %s%n",
                    s.singularValues().length, g(s.meanSquared()), g(s.max()), g(s.min()), g(s.conditionNumber())));
            sb.append("  (dynamical isometry: all σ near 1 lets every input direction's gradient through undistorted)\n");
        }
        sb.append('\n');
        if (r.findings().isEmpty()) {
            sb.append("No findings: no vanishing, exploding, saturated or dead layers at initialization.\n");
        }
        for (Finding f : r.findings()) {
            sb.append(f.headline()).append('\n');
            f.evidence().forEach((k, v) -> sb.append("    ").append(k).append(" = ").append(g(v)).append('\n'));
            for (int i = 0; i < f.remedies().size(); i++) {
                sb.append("    ").append(i + 1).append(". ").append(f.remedies().get(i)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String g(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
