package dev.gradflow.nn;

import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers applied in order, as torch.nn.Sequential: child i's parameters and buffers are named {@code i.<name>}
 * (recursively, so a block at index 3 with a branch gives {@code 3.branch.0.weight}).
 *
 * <p>{@link LayerObserver}s see each layer's output as it is produced (diagnostics attach here without changing
 * the layers).
 */
public final class Sequential implements Module {
    private final List<Module> layers;
    private final List<LayerObserver> observers = new ArrayList<>();

    /** Called with each layer's index, the layer and its output during {@link #forward}. */
    @FunctionalInterface
    public interface LayerObserver {
        void onOutput(int index, Module layer, Tensor output);
    }

    public Sequential(List<Module> layers) {
        this.layers = List.copyOf(layers);
    }

    public Sequential(Module... layers) {
        this(List.of(layers));
    }

    public List<Module> layers() {
        return layers;
    }

    public Module get(int index) {
        return layers.get(index);
    }

    public int size() {
        return layers.size();
    }

    public void addObserver(LayerObserver observer) {
        observers.add(observer);
    }

    public void removeObserver(LayerObserver observer) {
        observers.remove(observer);
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) {
            Module layer = layers.get(i);
            try {
                x = layer.forward(x);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " (" + layer.kind() + "): " + e.getMessage(), e);
            }
            for (LayerObserver o : observers) o.onOutput(i, layer, x);
        }
        return x;
    }

    @Override
    public String kind() {
        return "sequential";
    }

    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) out.putAll(Module.prefixed(Integer.toString(i), layers.get(i).namedParameters()));
        return out;
    }

    @Override
    public Map<String, Module> namedChildren() {
        Map<String, Module> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) out.put(Integer.toString(i), layers.get(i));
        return out;
    }

    @Override
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) out.putAll(Module.prefixed(Integer.toString(i), layers.get(i).namedBuffers()));
        return out;
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) out.putAll(Module.prefixed(Integer.toString(i), layers.get(i).stateDict()));
        return out;
    }

    @Override
    public List<Module> children() {
        return layers;
    }
}
