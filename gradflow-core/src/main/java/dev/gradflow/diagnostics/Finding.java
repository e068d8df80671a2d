package dev.gradflow.diagnostics;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A diagnosis: what is wrong, where, the numbers that show it, the probable cause, and remedies ranked by how
 * likely they are to help, each with its reason.
 *
 * @param kind     what was found
 * @param severity how much it threatens training
 * @param layers   where (layer or parameter names, in model order)
 * @param evidence the measured numbers behind the finding, by name
 * @param cause    the probable cause in plain words (activation, initialization, depth, learning rate)
 * @param remedies ranked remedies, best first
 */
public record Finding(Kind kind, Severity severity, List<String> layers, Map<String, Double> evidence, String cause,
                      List<Remedy> remedies) {

    public Finding {
        layers = List.copyOf(layers);
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
        remedies = List.copyOf(remedies);
    }

    /** What a detector can find. */
    public enum Kind {
        VANISHING, EXPLODING, SATURATION, DEAD_RELU, NON_FINITE, DIVERGENT, STALLED;

        /** The lower-case name used in JSON and reports ("vanishing", "dead_relu"). */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How serious a finding is; reports list the worst first. */
    public enum Severity {
        INFO, WARNING, CRITICAL
    }

    /** One remedy and why it helps here. */
    public record Remedy(String action, String reason) {
        @Override
        public String toString() {
            return action + " — " + reason;
        }
    }

    /** One line for terminals: "CRITICAL vanishing at 0, 2, 4: cause". */
    public String headline() {
        return severity + " " + kind.id() + (layers.isEmpty() ? "" : " at " + String.join(", ", layers)) + ": " + cause;
    }
}
