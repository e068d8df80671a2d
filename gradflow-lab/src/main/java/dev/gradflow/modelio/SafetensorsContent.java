package dev.gradflow.modelio;

import dev.gradflow.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a safetensors file holds: its tensors in file order (by data offset), each with the dtype it was stored in,
 * and the string-to-string {@code __metadata__} (empty when the file has none).
 */
public record SafetensorsContent(Map<String, StoredTensor> tensors, Map<String, String> metadata) {

    public SafetensorsContent {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The tensors' float32 values by name, in file order. */
    public Map<String, Tensor> floatTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((name, stored) -> out.put(name, stored.values()));
        return out;
    }
}
