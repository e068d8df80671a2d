package dev.gradflow.diagnostics;

import java.util.List;

/** Examines recorded statistics and reports findings; a detector that finds nothing returns an empty list. */
@FunctionalInterface
public interface Detector {
    List<Finding> detect(DiagnosticContext context);
}
