package dev.gradflow.nn;

import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer or a network: a function of one tensor with named parameters.
 *
 * <p>Lifecycle: construct (parameters initialized from an explicit random generator), {@link #forward} any number
 * of times, switch {@link #setMode} between training and evaluation. Parameter names follow PyTorch's
 * {@code state_dict}: a {@link Sequential} prefixes each child's names with its index ({@code 0.weight},
 * {@code 2.bias}); activations take an index too.
 */
public interface Module {

    /** The output for {@code input}; records the graph when grad mode is on. */
    Tensor forward(Tensor input);

    /** A short kind used in specs and reports: "linear", "relu", "dropout", "sequential", … */
    String kind();

    /** This module's own parameters and those of its children, in state_dict order and naming. */
    default Map<String, Tensor> namedParameters() {
        return Map.of();
    }

    /**
     * This module's own buffers and those of its children: state that is saved with the model but not trained,
     * such as BatchNorm's {@code running_mean}, {@code running_var} and {@code num_batches_tracked}. Named like
     * {@link #namedParameters()} (a {@link Sequential} prefixes each child's buffers with its index).
     */
    default Map<String, Tensor> namedBuffers() {
        return Map.of();
    }

    /**
     * Parameters and buffers under their PyTorch {@code state_dict} names. The default lists this module's
     * parameters, then its buffers, which is PyTorch's order for a leaf layer; containers override it to list
     * each child's entries together ({@code 1.weight, 1.bias, 1.running_mean, …, 2.weight}) as PyTorch does.
     */
    default Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>(namedParameters());
        out.putAll(namedBuffers());
        return out;
    }

    /** The parameters in state_dict order. */
    default List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * Direct children by the name that prefixes their parameters ("0", "1" in a Sequential; "branch" in a residual
     * block), in order. Empty for a leaf layer.
     */
    default Map<String, Module> namedChildren() {
        return Map.of();
    }

    /** Direct children in order (empty for a leaf layer). */
    default List<Module> children() {
        return List.copyOf(namedChildren().values());
    }

    /** Sets the mode of this module and its children. */
    default void setMode(Mode mode) {
        for (Module child : children()) child.setMode(mode);
    }

    /** Number of scalar parameters. */
    default long parameterCount() {
        long n = 0;
        for (Tensor p : namedParameters().values()) n += p.size();
        return n;
    }

    /** Clears every parameter's gradient. */
    default void zeroGrad() {
        for (Tensor p : namedParameters().values()) p.zeroGrad();
    }

    /** Helper for containers: {@code prefix.name} for each child parameter. */
    static Map<String, Tensor> prefixed(String prefix, Map<String, Tensor> params) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        params.forEach((name, t) -> out.put(prefix + "." + name, t));
        return out;
    }
}
