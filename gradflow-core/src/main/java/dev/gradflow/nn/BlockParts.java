package dev.gradflow.nn;

import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.random.RandomGenerator;

/** Layer factories shared by the block builders ({@link Residual}, {@link DenseBlock}). */
final class BlockParts {
    private BlockParts() {}

    /** A Linear with PyTorch's default initialization, with or without bias. */
    static Linear linear(int in, int out, BiasTerm biasTerm, RandomGenerator random) {
        Linear layer = new Linear(Tensor.zeros(out, in), biasTerm == BiasTerm.WITH_BIAS ? Tensor.zeros(out) : null);
        layer.resetParameters(random);
        return layer;
    }

    /** A bias is redundant right before a normalization layer (its β takes that role). */
    static BiasTerm biasBefore(Normalization normalization) {
        return normalization == Normalization.NONE ? BiasTerm.WITH_BIAS : BiasTerm.WITHOUT_BIAS;
    }

    /** Adds the normalization layer over {@code features} vector features, if any. */
    static void addVectorNorm(List<Module> layers, Normalization normalization, int features) {
        switch (normalization) {
            case NONE -> { }
            case BATCH_NORM -> layers.add(BatchNorm.features(features));
            case LAYER_NORM -> layers.add(new LayerNorm(features));
        }
    }

    /** Adds the normalization layer over {@code channels} image channels, if any; layer norm is not offered. */
    static void addChannelNorm(List<Module> layers, Normalization normalization, int channels, String block) {
        switch (normalization) {
            case NONE -> { }
            case BATCH_NORM -> layers.add(BatchNorm.channels(channels));
            case LAYER_NORM -> throw new IllegalArgumentException(block + ": layer norm is not offered for image blocks; use BATCH_NORM or NONE");
        }
    }

    /** Sets the last Linear/Conv2d (weight and bias) or normalization layer (γ and β) in {@code module} to zero. */
    static void zeroLastLayer(Module module, String block) {
        if (!zeroLast(module)) {
            throw new IllegalArgumentException(block + ": the branch has no Linear, Conv2d or normalization layer to zero-initialize");
        }
    }

    private static boolean zeroLast(Module module) {
        switch (module) {
            case Linear l -> zero(l.weight(), l.bias());
            case Conv2d c -> zero(c.weight(), c.bias());
            case BatchNorm b -> zero(b.weight(), b.bias());
            case LayerNorm n -> zero(n.weight(), n.bias());
            default -> {
                List<Module> children = module.children();
                for (int i = children.size() - 1; i >= 0; i--) {
                    if (zeroLast(children.get(i))) return true;
                }
                return false;
            }
        }
        return true;
    }

    private static void zero(Tensor weight, Tensor bias) {
        java.util.Arrays.fill(weight.data(), 0f);
        if (bias != null) java.util.Arrays.fill(bias.data(), 0f);
    }
}
