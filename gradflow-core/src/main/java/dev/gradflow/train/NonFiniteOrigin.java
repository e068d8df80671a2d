package dev.gradflow.train;

/**
 * Where the first non-finite value of a failing step appeared, found by replaying the step with every layer's
 * output (and its gradient) kept. Activations are searched in forward order, and the first non-finite one names
 * the layer that produced it. When every activation and the loss are finite, gradients are searched in the order
 * the backward pass computes them (from the last layer to the first), so the layer named is again the one whose
 * backward rule produced the non-finite value, not one it merely flowed into: for a gradient with respect to a
 * layer's output, the layer that consumed that output.
 *
 * @param stage     which search found it
 * @param layer     the layer's module path ("2", "3.branch.1"), or null for the loss, for a parameter gradient of
 *                  a model without observable layers, and when nothing was found
 * @param layerKind the layer's kind ("linear", "relu", …), or null with {@code layer}
 * @param parameter for {@link Stage#ACTIVATION}: a parameter of that layer that itself holds non-finite values
 *                  (so an earlier update broke it), else null; for {@link Stage#PARAMETER_GRADIENT}: the parameter;
 *                  for {@link Stage#ACTIVATION_GRADIENT}: the path of the layer whose output gradient it is
 */
public record NonFiniteOrigin(Stage stage, String layer, String layerKind, String parameter) {

    /** The search that found the first non-finite value. */
    public enum Stage {
        /** A layer's output in the forward pass. */
        ACTIVATION,
        /** The loss, computed from finite model outputs. */
        LOSS,
        /** The gradient of the loss with respect to the model's output (every activation and the loss were finite). */
        LOSS_GRADIENT,
        /**
         * The gradient a layer's backward rule passes to its input, i.e. to the output of the layer before it (every
         * activation, the loss and the gradients of the later layers' outputs were finite).
         */
        ACTIVATION_GRADIENT,
        /** A parameter's gradient (every activation, the loss and every layer-output gradient were finite). */
        PARAMETER_GRADIENT,
        /** The replay of the step found no non-finite value (e.g. it came from a penalty's gradient). */
        NOT_REPRODUCED
    }

    public NonFiniteOrigin {
        if (stage == null) throw new IllegalArgumentException("non-finite origin: stage is required");
    }

    /** A phrase for messages, e.g. "the output of layer 2 (linear)". */
    public String describe() {
        return switch (stage) {
            case ACTIVATION -> (layer == null ? "the model's output" : "the output of " + layerName())
                    + (parameter == null ? "" : ", whose parameter " + parameter + " already holds non-finite values");
            case LOSS -> "the loss, computed from finite model outputs";
            case LOSS_GRADIENT -> "the gradient of the loss with respect to the model's output (every activation and the loss were finite)";
            case ACTIVATION_GRADIENT -> "the backward pass of " + layerName() + ", in the gradient it passes back to the output of layer "
                    + parameter + " (every activation and the loss were finite)";
            case PARAMETER_GRADIENT -> "the gradient of parameter " + parameter + (layer == null ? "" : " of " + layerName())
                    + " (every activation, the loss and every layer-output gradient were finite)";
            case NOT_REPRODUCED -> "no layer: replaying the step found every activation and gradient of the data loss finite";
        };
    }

    private String layerName() {
        return "layer " + layer + " (" + layerKind + ")";
    }
}
