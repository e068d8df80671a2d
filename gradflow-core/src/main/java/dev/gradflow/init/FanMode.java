package dev.gradflow.init;

/**
 * Which fan a He/Kaiming initializer preserves, as torch.nn.init's {@code mode}: FAN_IN keeps the variance of the
 * activations in the forward pass, FAN_OUT that of the gradients in the backward pass.
 */
public enum FanMode {
    FAN_IN,
    FAN_OUT;

    /** The mode of this name ("fan_in", "fan_out"). */
    public static FanMode byName(String name) {
        return switch (name) {
            case "fan_in" -> FAN_IN;
            case "fan_out" -> FAN_OUT;
            default -> throw new IllegalArgumentException("unknown fan mode '" + name + "'; known: fan_in, fan_out");
        };
    }

    /** The fan this mode selects. */
    public int select(Fans fans) {
        return this == FAN_IN ? fans.fanIn() : fans.fanOut();
    }

    /** The spec name: "fan_in" or "fan_out". */
    public String specName() {
        return this == FAN_IN ? "fan_in" : "fan_out";
    }
}
