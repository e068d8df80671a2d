package dev.gradflow.init;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * Fills a parameter tensor in place, as the functions of torch.nn.init do, drawing from an explicit
 * {@link RandomGenerator} in row-major order: the same generator state gives the same values.
 *
 * <p>Scaled initializers follow a variance law in terms of the fans of a weight ({@link Fans}, PyTorch's
 * {@code _calculate_fan_in_and_fan_out}); each implementation states its law. A bias has no fans of its own, so
 * a layer passes its weight's shape as {@code fanShape} when it fills the bias, as torch.nn.Linear does.
 * Implementations are immutable configurations; initializing records no autograd graph.
 */
public interface Initializer {

    /** Fills {@code tensor} (its storage, in place), scaling by the fans of {@code fanShape}. */
    void fillInPlace(Tensor tensor, Shape fanShape, RandomGenerator random);

    /** Fills a weight {@code tensor} in place, scaling by its own fans. */
    default void fillInPlace(Tensor tensor, RandomGenerator random) {
        fillInPlace(tensor, tensor.shape(), random);
    }

    /** The spec name: "xavier_uniform", "he_normal", … */
    String name();
}
