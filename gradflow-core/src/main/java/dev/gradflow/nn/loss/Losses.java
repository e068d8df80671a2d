package dev.gradflow.nn.loss;

/** Looks losses up by the names used in specs and reports. */
public final class Losses {
    private Losses() {}

    /**
     * The loss of this name with PyTorch's default settings (mean reduction, Huber δ = 1, no label smoothing):
     * "mse", "l1", "huber", "bce_with_logits" or "cross_entropy".
     */
    public static Loss byName(String name) {
        return switch (name) {
            case "mse" -> new MseLoss();
            case "l1" -> new L1Loss();
            case "huber" -> new HuberLoss();
            case "bce_with_logits" -> new BceWithLogitsLoss();
            case "cross_entropy" -> new CrossEntropyLoss();
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'; known: mse, l1, huber, bce_with_logits, cross_entropy");
        };
    }
}
