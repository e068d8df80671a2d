package dev.gradflow.train;

import dev.gradflow.nn.Module;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a saved state_dict against a model and copies it in. */
final class StateDicts {
    private StateDicts() {}

    /**
     * Fails, naming what differs, unless {@code saved} holds exactly the model's state_dict names with the model's
     * shapes.
     */
    static void requireMatch(Module model, Map<String, Tensor> saved) {
        Map<String, Tensor> target = model.stateDict();
        List<String> missing = new ArrayList<>();
        for (String name : target.keySet()) {
            if (!saved.containsKey(name)) missing.add(name);
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : saved.keySet()) {
            if (!target.containsKey(name)) unexpected.add(name);
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("cannot resume: the saved model state does not match the model: missing "
                    + missing + ", unexpected " + unexpected);
        }
        target.forEach((name, t) -> {
            Tensor s = saved.get(name);
            if (!s.shape().equals(t.shape())) {
                throw new IllegalArgumentException("cannot resume: saved tensor '" + name + "' has shape " + s.shape()
                        + " but the model's has " + t.shape());
            }
        });
    }

    /** Copies the values of {@code saved} into the model's tensors (after {@link #requireMatch}). */
    static void copyInto(Module model, Map<String, Tensor> saved) {
        model.stateDict().forEach((name, t) -> System.arraycopy(saved.get(name).data(), 0, t.data(), 0, t.size()));
    }
}
