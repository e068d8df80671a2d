package dev.gradflow.train;

import dev.gradflow.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A listener keeping the L2 norm of each selected parameter's gradient at the first step and at the latest step,
 * measured after backward and before clipping (the raw gradients), in state_dict order.
 *
 * <pre>{@code
 * GradientNormRecorder norms = GradientNormRecorder.weights();
 * trainer.addListener(norms).fit(data);
 * double firstLayer = norms.firstStep().get("0.weight");
 * }</pre>
 */
public final class GradientNormRecorder implements TrainingListener {
    private final Predicate<String> selection;
    private Map<String, Double> firstStep = Map.of();
    private Map<String, Double> lastStep = Map.of();
    private long lastStepNumber;

    /** Records the parameters whose name passes {@code selection}. */
    public GradientNormRecorder(Predicate<String> selection) {
        this.selection = selection;
    }

    /** Records every parameter. */
    public static GradientNormRecorder all() {
        return new GradientNormRecorder(name -> true);
    }

    /** Records weights only ({@code *.weight}, or {@code weight} of a bare layer). */
    public static GradientNormRecorder weights() {
        return new GradientNormRecorder(name -> name.equals("weight") || name.endsWith(".weight"));
    }

    @Override
    public void afterBackward(StepContext context) {
        Map<String, Double> norms = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> p : context.model().namedParameters().entrySet()) {
            if (selection.test(p.getKey())) norms.put(p.getKey(), GradientNorms.of(p.getValue()));
        }
        Map<String, Double> snapshot = Collections.unmodifiableMap(norms);
        if (lastStepNumber == 0) firstStep = snapshot;
        lastStep = snapshot;
        lastStepNumber = context.step();
    }

    /** Norms at the first recorded step (empty before any step). */
    public Map<String, Double> firstStep() {
        return firstStep;
    }

    /** Norms at the latest recorded step (empty before any step). */
    public Map<String, Double> lastStep() {
        return lastStep;
    }

    /** The step number of {@link #lastStep()} (0 before any step). */
    public long lastStepNumber() {
        return lastStepNumber;
    }
}
