package dev.gradflow.train;

import dev.gradflow.autograd.GradMode;
import dev.gradflow.autograd.ShapeOps;
import dev.gradflow.data.Dataset;
import dev.gradflow.data.MiniBatches;
import dev.gradflow.data.Task;
import dev.gradflow.nn.Mode;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Computes {@link Metrics} of a model on a dataset in evaluation mode, without recording a graph. */
final class Evaluator {
    /** Rows per forward pass, to bound the memory of activations on large sets. */
    private static final int CHUNK_ROWS = 8192;

    private final Module model;
    private final Loss loss;
    private final Task task;

    Evaluator(Module model, Loss loss, Task task) {
        this.model = model;
        this.loss = loss;
        this.task = task;
    }

    Metrics measure(Dataset data) {
        model.setMode(Mode.EVALUATION);
        try (var _ = GradMode.noGrad()) {
            Tensor prediction = predict(data);
            double lossValue = loss.compute(prediction, data.targets()).item();
            return Metrics.of(task, lossValue, prediction, data.targets());
        } finally {
            model.setMode(Mode.TRAINING);
        }
    }

    private Tensor predict(Dataset data) {
        if (data.size() <= CHUNK_ROWS) return model.forward(data.features());
        List<Tensor> parts = new ArrayList<>();
        for (Dataset chunk : MiniBatches.inOrder(data, CHUNK_ROWS)) parts.add(model.forward(chunk.features()));
        return ShapeOps.concat(parts, 0);
    }
}
