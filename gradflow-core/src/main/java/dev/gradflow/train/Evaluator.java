package dev.gradflow.train;

import dev.gradflow.autograd.GradMode;
import dev.gradflow.autograd.ShapeOps;
import dev.gradflow.data.Dataset;
import dev.gradflow.data.Task;
import dev.gradflow.nn.Mode;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's outputs and {@link Metrics} on a dataset in evaluation mode (dropout off, BatchNorm on its running
 * statistics), without recording a graph. The trainer, the lab and the command line all evaluate through here.
 */
public final class Evaluator {
    /** Rows per forward pass, to bound the memory of activations on large sets. */
    static final int CHUNK_ROWS = 8192;

    private final Module model;
    private final Loss loss;
    private final Task task;

    public Evaluator(Module model, Loss loss, Task task) {
        if (model == null || loss == null || task == null) {
            throw new IllegalArgumentException("evaluator: model, loss and task are all required");
        }
        this.model = model;
        this.loss = loss;
        this.task = task;
    }

    /**
     * The loss (reduced as the loss reduces it, e.g. the batch mean) and the task's metrics over all of
     * {@code data}; the model is back in training mode afterwards.
     */
    public Metrics measure(Dataset data) {
        Tensor prediction = outputs(model, data.features());
        try (var _ = GradMode.noGrad()) {
            return Metrics.of(task, loss.compute(prediction, data.targets()).item(), prediction, data.targets());
        }
    }

    /**
     * The model's outputs for {@code features} [N, …], row i for example i, computed {@value #CHUNK_ROWS} rows at
     * a time in evaluation mode without a graph; the model is back in training mode afterwards.
     */
    public static Tensor outputs(Module model, Tensor features) {
        int n = features.dim(0);
        model.setMode(Mode.EVALUATION);
        try (var _ = GradMode.noGrad()) {
            if (n <= CHUNK_ROWS) return model.forward(features);
            List<Tensor> parts = new ArrayList<>();
            for (int from = 0; from < n; from += CHUNK_ROWS) parts.add(model.forward(features.rows(from, Math.min(n, from + CHUNK_ROWS))));
            return ShapeOps.concat(parts, 0);
        } finally {
            model.setMode(Mode.TRAINING);
        }
    }
}
