package dev.gradflow.diagnostics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs every detector and orders the findings worst first. */
public final class Diagnosis {
    private static final List<Detector> DETECTORS = List.of(
            new NonFiniteDetector(), new LossTrendDetector(), new ExplodingGradientDetector(),
            new VanishingGradientDetector(), new SaturationDetector(), new DeadReluDetector());

    private Diagnosis() {}

    /** All findings for {@code context}, most severe first (stable within a severity). */
    public static List<Finding> findings(DiagnosticContext context) {
        List<Finding> out = new ArrayList<>();
        for (Detector d : DETECTORS) out.addAll(d.detect(context));
        out.sort(Comparator.comparing(Finding::severity).reversed());
        return out;
    }
}
