package dev.gradflow.init;

/**
 * The recommended gain for a nonlinearity, as torch.nn.init.calculate_gain: the factor by which scaled
 * initializers multiply their standard deviation so that the activation keeps the variance of its input.
 *
 * <pre>
 *  linear, identity, conv1d/2d/3d, conv_transpose1d/2d/3d, sigmoid   1
 *  tanh                                                               5/3
 *  relu                                                               √2
 *  leaky_relu (negative slope s)                                      √(2/(1 + s²))
 *  selu                                                               3/4
 * </pre>
 * ("identity", gradflow's name for the linear activation, is accepted as well.)
 */
public final class Gain {
    /** calculate_gain's negative slope for leaky_relu when no parameter is given. */
    public static final double DEFAULT_LEAKY_RELU_SLOPE = 0.01;

    private Gain() {}

    /** The gain of {@code nonlinearity}, with leaky_relu's slope at its default 0.01. */
    public static double of(String nonlinearity) {
        return of(nonlinearity, DEFAULT_LEAKY_RELU_SLOPE);
    }

    /** The gain of {@code nonlinearity}; {@code param} is leaky_relu's negative slope and ignored otherwise. */
    public static double of(String nonlinearity, double param) {
        return switch (nonlinearity) {
            case "linear", "identity", "conv1d", "conv2d", "conv3d",
                 "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid" -> 1.0;
            case "tanh" -> 5.0 / 3.0;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> {
                if (!Double.isFinite(param)) throw new IllegalArgumentException("gain: negative_slope " + param + " is not a valid number");
                yield Math.sqrt(2.0 / (1.0 + param * param));
            }
            case "selu" -> 3.0 / 4.0;
            default -> throw new IllegalArgumentException("gain: unsupported nonlinearity '" + nonlinearity + "'; known: linear,"
                    + " identity, conv1d, conv2d, conv3d, conv_transpose1d, conv_transpose2d, conv_transpose3d, sigmoid, tanh,"
                    + " relu, leaky_relu, selu");
        };
    }
}
