package dev.gradflow.regularize;

import dev.gradflow.autograd.GradMode;
import dev.gradflow.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A regularization term R(θ) added to the data loss, L = L_data + R, over the parameters a
 * {@link ParameterSelector} picks. Two ways to use it:
 * <ul>
 *   <li>{@link #term}: a differentiable scalar tensor; {@code loss.add(penalty.term(params)).backward()} puts
 *       ∂L_data/∂θ + ∂R/∂θ into each gradient, as adding the term in PyTorch does;</li>
 *   <li>{@link #gradientOf} and {@link #addGradientsInPlace}: ∂R/∂θ in closed form, for callers that backpropagate
 *       the data loss alone, look at its gradients (diagnostics), then add the penalty's.</li>
 * </ul>
 * Decoupled weight decay is not a penalty: it lives in {@code AdamW} (and {@code SGD}'s weight_decay is the
 * gradient of an L2 penalty; see {@link L2Penalty}).
 */
public sealed interface Penalty permits L1Penalty, L2Penalty {

    /** The strength λ ≥ 0. */
    double strength();

    /** Which parameters the penalty applies to. */
    ParameterSelector selector();

    /** R for one parameter tensor, recorded for backpropagation when grad mode is on. */
    Tensor termOf(Tensor parameter);

    /** ∂R/∂θ for one selected parameter tensor, a new tensor (no graph) of the parameter's shape. */
    Tensor gradientOfSelected(Tensor parameter);

    /** True when the penalty applies to {@code name}. */
    default boolean includes(String name, Tensor parameter) {
        return selector().includes(name, parameter);
    }

    /**
     * R = Σ over the selected parameters of {@link #termOf}, a differentiable scalar; a constant 0 when no
     * parameter is selected.
     */
    default Tensor term(Map<String, Tensor> namedParameters) {
        Tensor total = null;
        for (Map.Entry<String, Tensor> e : namedParameters.entrySet()) {
            if (!includes(e.getKey(), e.getValue())) continue;
            Tensor t = termOf(e.getValue());
            total = total == null ? t : total.add(t);
        }
        return total == null ? Tensor.scalar(0f) : total;
    }

    /** The value of R, computed without recording a graph. */
    default double value(Map<String, Tensor> namedParameters) {
        try (var _ = GradMode.noGrad()) {
            return term(namedParameters).item();
        }
    }

    /** ∂R/∂θ for the parameter {@code name}: zeros when the selector leaves it out. */
    default Tensor gradientOf(String name, Tensor parameter) {
        return includes(name, parameter) ? gradientOfSelected(parameter) : Tensor.zeros(parameter.shape());
    }

    /** ∂R/∂θ for every selected parameter, by name, in the map's order. */
    default Map<String, Tensor> gradients(Map<String, Tensor> namedParameters) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters.forEach((name, p) -> {
            if (includes(name, p)) out.put(name, gradientOfSelected(p));
        });
        return out;
    }

    /** Adds ∂R/∂θ into each selected parameter's gradient, as backpropagating {@link #term} would. */
    default void addGradientsInPlace(Map<String, Tensor> namedParameters) {
        namedParameters.forEach((name, p) -> {
            if (!includes(name, p)) return;
            float[] g = gradientOfSelected(p).data();
            float[] target = p.gradBuffer();
            for (int i = 0; i < g.length; i++) target[i] += g[i];
        });
    }
}
