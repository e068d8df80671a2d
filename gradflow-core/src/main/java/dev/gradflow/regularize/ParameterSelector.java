package dev.gradflow.regularize;

import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.Set;

/**
 * Chooses which parameters a {@link Penalty} applies to, from their state_dict name ({@code 0.weight},
 * {@code 2.bias}; see {@code Module.namedParameters()}) and the tensor. The usual choice, {@link #weightsOnly()},
 * leaves biases alone: penalizing them does not reduce overfitting and can cause underfitting.
 */
@FunctionalInterface
public interface ParameterSelector {

    /** True when the penalty applies to the parameter {@code name}. */
    boolean includes(String name, Tensor parameter);

    /** Every parameter. */
    static ParameterSelector all() {
        return (name, parameter) -> true;
    }

    /** Every parameter except biases: rank-1 tensors named {@code bias} or ending in {@code .bias}. */
    static ParameterSelector weightsOnly() {
        return (name, parameter) -> !(parameter.rank() == 1 && (name.equals("bias") || name.endsWith(".bias")));
    }

    /**
     * Parameters whose name starts with one of the prefixes, e.g. {@code "0."} for the first layer of a
     * {@code Sequential}, {@code "2.weight"} for one tensor. A prefix that names a layer should end with a dot,
     * or {@code "1"} would also select layer {@code 10}.
     */
    static ParameterSelector namePrefix(String... prefixes) {
        List<String> list = List.of(prefixes);
        if (list.isEmpty()) throw new IllegalArgumentException("parameter selector: give at least one name prefix");
        return (name, parameter) -> {
            for (String prefix : list) {
                if (name.startsWith(prefix)) return true;
            }
            return false;
        };
    }

    /** Parameters with exactly these names. */
    static ParameterSelector names(String... names) {
        Set<String> set = Set.of(names);
        return (name, parameter) -> set.contains(name);
    }

    /** Parameters both selectors include. */
    default ParameterSelector and(ParameterSelector other) {
        if (other == null) throw new IllegalArgumentException("parameter selector: cannot combine with a null selector");
        return (name, parameter) -> includes(name, parameter) && other.includes(name, parameter);
    }

    /** Parameters this selector leaves out. */
    default ParameterSelector negate() {
        return (name, parameter) -> !includes(name, parameter);
    }
}
