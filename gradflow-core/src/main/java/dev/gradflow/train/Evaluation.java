package dev.gradflow.train;

/**
 * Metrics measured after a step, in evaluation mode and without recording a graph.
 *
 * @param validation the validation split's metrics, or null when the run has no validation split
 */
public record Evaluation(long step, long epoch, Metrics training, Metrics validation) {

    public boolean hasValidation() {
        return validation != null;
    }
}
