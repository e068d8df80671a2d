package dev.gradflow.cli.seed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import dev.gradflow.diagnostics.Finding;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one run of the seed experiment, as it appears in {@code --json} output.
 *
 * @param lossInitial       the full-batch MSE at step 1, before any update
 * @param lossFinal         the full-batch MSE after the last update
 * @param gradNormsFirstStep L2 norm of each layer's weight gradient at step 1 ({@code 0.weight}, {@code 2.weight}, …)
 * @param gradNormsLastStep  the same at the last step (before its update)
 * @param gradRatioFirstStep ‖∂L/∂W_first‖ / ‖∂L/∂W_last‖ at step 1 (vanishing when far below 1, exploding far above)
 * @param gradRatioLastStep  the same at the last step
 * @param updateRatioFirstStep ‖ΔW‖/‖W‖ of each weight at step 1: what the optimizer actually did
 * @param updateRatioLastStep  the same at the last step
 * @param updateRatioMean      the mean over all steps
 * @param findings          what the detectors found over the run, worst first
 * @param wallTime          how long the run took (not written to JSON, so same seed gives the same file)
 */
@JsonPropertyOrder({"optimizer", "lr", "steps", "loss_initial", "loss_final", "grad_norms_first_step", "grad_norms_last_step",
        "first_to_last_grad_ratio_first_step", "first_to_last_grad_ratio_last_step", "update_ratio_first_step",
        "update_ratio_last_step", "update_ratio_mean", "findings"})
public record SeedRun(
        @JsonProperty("optimizer") String optimizer,
        @JsonProperty("lr") double learningRate,
        @JsonProperty("steps") int steps,
        @JsonProperty("loss_initial") double lossInitial,
        @JsonProperty("loss_final") double lossFinal,
        @JsonProperty("grad_norms_first_step") Map<String, Double> gradNormsFirstStep,
        @JsonProperty("grad_norms_last_step") Map<String, Double> gradNormsLastStep,
        @JsonProperty("first_to_last_grad_ratio_first_step") double gradRatioFirstStep,
        @JsonProperty("first_to_last_grad_ratio_last_step") double gradRatioLastStep,
        @JsonProperty("update_ratio_first_step") Map<String, Double> updateRatioFirstStep,
        @JsonProperty("update_ratio_last_step") Map<String, Double> updateRatioLastStep,
        @JsonProperty("update_ratio_mean") Map<String, Double> updateRatioMean,
        @JsonProperty("findings") List<Finding> findings,
        @JsonIgnore Duration wallTime) {}
