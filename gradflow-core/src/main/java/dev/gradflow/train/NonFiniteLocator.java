package dev.gradflow.train;

import dev.gradflow.data.Dataset;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replays one step (forward, loss, backward of the data loss) with every layer output of every {@link Sequential}
 * in the model kept, and says where the first non-finite value appeared (see {@link NonFiniteOrigin}). The replay
 * changes what a training step changes (gradients, BatchNorm statistics, dropout streams); the caller puts those
 * back.
 */
final class NonFiniteLocator {
    private NonFiniteLocator() {}

    private record Captured(String path, Module layer, Tensor output) {}

    static NonFiniteOrigin locate(Module model, Loss loss, Dataset batch) {
        List<Captured> captured = new ArrayList<>();
        List<Sequential> observed = new ArrayList<>();
        List<Sequential.LayerObserver> observers = new ArrayList<>();
        ModuleTree.sequentials(model).forEach((path, sequential) -> {
            String prefix = path.isEmpty() ? "" : path + ".";
            Sequential.LayerObserver o = (index, layer, output) ->
                    captured.add(new Captured(prefix + index, layer, output.requiresGrad() ? output.retainGrad() : output));
            sequential.addObserver(o);
            observed.add(sequential);
            observers.add(o);
        });
        try {
            return replay(model, loss, batch, captured);
        } finally {
            for (int i = 0; i < observed.size(); i++) observed.get(i).removeObserver(observers.get(i));
        }
    }

    private static NonFiniteOrigin replay(Module model, Loss loss, Dataset batch, List<Captured> captured) {
        model.zeroGrad();
        Tensor output = model.forward(batch.features());
        // Observers fire as each output is produced, so the list is in forward order (inner layers before their block).
        for (Captured c : captured) {
            if (!allFinite(c.output().data())) {
                return new NonFiniteOrigin(NonFiniteOrigin.Stage.ACTIVATION, c.path(), c.layer().kind(), brokenParameter(model, c.path()));
            }
        }
        if (!allFinite(output.data())) return new NonFiniteOrigin(NonFiniteOrigin.Stage.ACTIVATION, null, null, brokenParameter(model, ""));
        Tensor lossValue = loss.compute(output, batch.targets());
        if (!allFinite(lossValue.data())) return new NonFiniteOrigin(NonFiniteOrigin.Stage.LOSS, null, null, null);
        lossValue.backward();
        // Backward order; the gradient of output i was computed by the backward rule of what consumed it: the next
        // observed layer (the next one in its container, or the block that contains it), or the loss after the last.
        for (int i = captured.size() - 1; i >= 0; i--) {
            Captured c = captured.get(i);
            float[] gradient = c.output().gradBufferOrNull();
            if (gradient != null && !allFinite(gradient)) {
                if (i == captured.size() - 1) return new NonFiniteOrigin(NonFiniteOrigin.Stage.LOSS_GRADIENT, null, null, null);
                Captured consumer = captured.get(i + 1);
                return new NonFiniteOrigin(NonFiniteOrigin.Stage.ACTIVATION_GRADIENT, consumer.path(), consumer.layer().kind(), c.path());
            }
        }
        List<Map.Entry<String, Tensor>> parameters = new ArrayList<>(model.namedParameters().entrySet());
        for (int i = parameters.size() - 1; i >= 0; i--) {
            float[] gradient = parameters.get(i).getValue().gradBufferOrNull();
            if (gradient != null && !allFinite(gradient)) {
                String name = parameters.get(i).getKey();
                Module owner = owner(model, name);
                String path = owner == null ? null : name.substring(0, name.lastIndexOf('.'));
                return new NonFiniteOrigin(NonFiniteOrigin.Stage.PARAMETER_GRADIENT, path, owner == null ? null : owner.kind(), name);
            }
        }
        return new NonFiniteOrigin(NonFiniteOrigin.Stage.NOT_REPRODUCED, null, null, null);
    }

    /** The first parameter under {@code path} (a layer's prefix; "" for all) that holds a NaN or an infinity. */
    private static String brokenParameter(Module model, String path) {
        String prefix = path.isEmpty() ? "" : path + ".";
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            if (e.getKey().startsWith(prefix) && !allFinite(e.getValue().data())) return e.getKey();
        }
        return null;
    }

    /** The module that owns parameter {@code name} ("2.weight" → module "2"), or null when it is the root's own. */
    private static Module owner(Module model, String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : ModuleTree.modules(model).get(name.substring(0, dot));
    }

    static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) return false;
        }
        return true;
    }
}
