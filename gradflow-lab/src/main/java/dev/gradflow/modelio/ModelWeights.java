package dev.gradflow.modelio;

import dev.gradflow.nn.BatchNorm;
import dev.gradflow.nn.Module;
import dev.gradflow.spec.ModelSpec;
import dev.gradflow.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's weights as a safetensors file that PyTorch reads with {@code load_state_dict(load_file(path))}, and back.
 *
 * <p>Tensor names are the model's {@link Module#stateDict()} names, which are PyTorch's ({@code 0.weight},
 * {@code 0.bias}, {@code 3.branch.0.weight}, {@code 1.running_mean}, …). Every tensor is written as F32 except
 * BatchNorm's {@code num_batches_tracked}, which PyTorch keeps as int64 and which is written as I64. Metadata: see
 * {@link ModelMetadata}.
 *
 * <p>Loading is all-or-nothing: the file must hold exactly the model's tensors (the error lists the missing and the
 * unexpected names) with the model's shapes (the error names each tensor with the expected and the actual shape);
 * only then are the values copied into the model's tensors. F64, F16, BF16 and integer tensors are converted to
 * float32, as {@code load_state_dict} converts to the parameter's dtype.
 */
public final class ModelWeights {

    private ModelWeights() {}

    /** Writes the model's state_dict to {@code file} (atomically); {@code spec} may be null. */
    public static void save(Module model, ModelSpec spec, Path file) {
        SafetensorsWriter.write(file, stateDict(model), ModelMetadata.of(spec));
    }

    /** The model's state_dict with the dtype each tensor gets on disk (I64 for num_batches_tracked, else F32). */
    public static Map<String, StoredTensor> stateDict(Module model) {
        Set<Tensor> integerBuffers = integerBuffers(model);
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> out.put(name, new StoredTensor(integerBuffers.contains(t) ? Dtype.I64 : Dtype.F32, t)));
        return out;
    }

    /** Reads {@code file} into the model's tensors; returns the file's content (metadata included). */
    public static SafetensorsContent load(Module model, Path file) {
        SafetensorsContent content = SafetensorsReader.read(file);
        copyInto(model, content.floatTensors(), file.toString());
        return content;
    }

    /**
     * Copies {@code weights} into the model's state_dict tensors after checking that the names and shapes match
     * exactly; on any mismatch the model is left unchanged. {@code source} names the weights in errors.
     */
    public static void copyInto(Module model, Map<String, Tensor> weights, String source) {
        Map<String, Tensor> target = model.stateDict();
        List<String> missing = new ArrayList<>();
        for (String name : target.keySet()) {
            if (!weights.containsKey(name)) missing.add(name);
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : weights.keySet()) {
            if (!target.containsKey(name)) unexpected.add(name);
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new ModelFileException(source, null, "the tensors do not match the model's state_dict: "
                    + describe("missing", missing) + "; " + describe("unexpected", unexpected));
        }
        List<String> wrongShapes = new ArrayList<>();
        target.forEach((name, t) -> {
            Tensor w = weights.get(name);
            if (!w.shape().equals(t.shape())) {
                wrongShapes.add("tensor '" + name + "' has shape " + w.shape() + " but the model expects " + t.shape());
            }
        });
        if (!wrongShapes.isEmpty()) throw new ModelFileException(source, null, "shape mismatch: " + String.join("; ", wrongShapes));
        target.forEach((name, t) -> System.arraycopy(weights.get(name).data(), 0, t.data(), 0, t.size()));
    }

    private static String describe(String what, List<String> names) {
        return names.isEmpty() ? "nothing " + what : names.size() + " " + what + " (" + String.join(", ", names) + ")";
    }

    /** The tensors PyTorch stores as integers: BatchNorm's num_batches_tracked, anywhere in the module tree. */
    private static Set<Tensor> integerBuffers(Module model) {
        Set<Tensor> out = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Module> pending = new ArrayDeque<>(List.of(model));
        while (!pending.isEmpty()) {
            Module m = pending.pop();
            if (m instanceof BatchNorm bn) out.add(bn.numBatchesTracked());
            pending.addAll(m.children());
        }
        return out;
    }
}
