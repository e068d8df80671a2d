package dev.gradflow.diagnostics;

import java.util.List;

/**
 * Everything the probes recorded at one step.
 *
 * @param step         1-based training step
 * @param loss         the data loss (batch mean)
 * @param learningRate the learning rate in force
 * @param preClipNorm  global gradient L2 norm before clipping (NaN when clipping is off)
 * @param clipped      whether clipping scaled the gradients
 * @param layers       per layer, in model order
 * @param parameters   per parameter, in state_dict order
 */
public record StepRecord(long step, double loss, double learningRate, double preClipNorm, boolean clipped,
                         List<LayerStats> layers, List<ParameterStats> parameters) {
    public StepRecord {
        layers = List.copyOf(layers);
        parameters = List.copyOf(parameters);
    }
}
