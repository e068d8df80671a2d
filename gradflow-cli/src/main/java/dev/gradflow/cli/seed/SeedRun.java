package dev.gradflow.cli.seed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.Map;

/**
 * The outcome of one run of the seed experiment, as it appears in {@code --json} output.
 *
 * @param lossInitial       the full-batch MSE at step 1, before any update
 * @param lossFinal         the full-batch MSE after the last update
 * @param gradNormsFirstStep L2 norm of each layer's weight gradient at step 1 ({@code 0.weight}, {@code 2.weight}, …)
 * @param gradNormsLastStep  the same at the last step (before its update)
 * @param wallTime          how long the run took (not written to JSON, so same seed gives the same file)
 */
@JsonPropertyOrder({"optimizer", "lr", "steps", "loss_initial", "loss_final", "grad_norms_first_step", "grad_norms_last_step"})
public record SeedRun(
        @JsonProperty("optimizer") String optimizer,
        @JsonProperty("lr") double learningRate,
        @JsonProperty("steps") int steps,
        @JsonProperty("loss_initial") double lossInitial,
        @JsonProperty("loss_final") double lossFinal,
        @JsonProperty("grad_norms_first_step") Map<String, Double> gradNormsFirstStep,
        @JsonProperty("grad_norms_last_step") Map<String, Double> gradNormsLastStep,
        @JsonIgnore Duration wallTime) {}
