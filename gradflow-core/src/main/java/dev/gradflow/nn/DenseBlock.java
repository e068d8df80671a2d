package dev.gradflow.nn;

import dev.gradflow.autograd.ShapeOps;
import dev.gradflow.autograd.Window2d;
import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A DenseNet block (Huang et al. 2017): layer ℓ sees the concatenation, along axis 1 (features of [N, F] or
 * channels of [N, C, H, W]), of the block input and every earlier layer's output, and adds {@code growth} new
 * features:
 * <pre>  h_ℓ = H_ℓ([x, h_1, …, h_{ℓ−1}])      y = [x, h_1, …, h_L]</pre>
 * so layer ℓ (from 0) takes in + ℓ·growth features and the block outputs in + L·growth. Every layer's output
 * reaches the block output directly, which gives each layer a short gradient path.
 *
 * <p>Each H_ℓ is a small {@link Sequential}: [norm?, act, Linear(in_ℓ, growth)] for vectors, [BN?, act,
 * Conv2d 3×3 padding 1 (in_ℓ → growth)] for images. Names follow PyTorch's state_dict with the layers in a list
 * named {@code layers}: {@code layers.ℓ.<index in H_ℓ>.<name>}. Without normalization the weights are
 * {@code layers.0.1.weight}, {@code layers.1.1.weight}, …; with batch norm, {@code layers.0.0.weight} is γ,
 * {@code layers.0.0.running_mean} a buffer and {@code layers.0.2.weight} the Linear/Conv2d weight. In a Sequential
 * at index 2 these become {@code 2.layers.0.2.weight}. {@link #children()} lists the H_ℓ in order.
 */
public final class DenseBlock implements Module {
    private final List<Sequential> layers;

    /** A block over the given layers; layer ℓ must accept the features the earlier ones produce. */
    public DenseBlock(List<Sequential> layers) {
        if (layers.isEmpty()) throw new IllegalArgumentException("dense_block: needs at least one layer");
        this.layers = List.copyOf(layers);
    }

    /** A block over vectors [N, in] → [N, in + layerCount·growth]; norm may be NONE, BATCH_NORM or LAYER_NORM. */
    public static DenseBlock vectors(int inFeatures, int growth, int layerCount, Normalization normalization,
                                     PointwiseFunction activation, RandomGenerator random) {
        checkSizes(inFeatures, growth, layerCount);
        List<Sequential> layers = new ArrayList<>();
        for (int l = 0; l < layerCount; l++) {
            int in = inFeatures + l * growth;
            List<Module> parts = new ArrayList<>();
            BlockParts.addVectorNorm(parts, normalization, in);
            parts.add(new Activation(activation));
            parts.add(BlockParts.linear(in, growth, BiasTerm.WITH_BIAS, random));
            layers.add(new Sequential(parts));
        }
        return new DenseBlock(layers);
    }

    /** A block over images [N, in, H, W] → [N, in + layerCount·growth, H, W]; norm may be NONE or BATCH_NORM. */
    public static DenseBlock images(int inChannels, int growth, int layerCount, Normalization normalization,
                                    PointwiseFunction activation, RandomGenerator random) {
        checkSizes(inChannels, growth, layerCount);
        List<Sequential> layers = new ArrayList<>();
        for (int l = 0; l < layerCount; l++) {
            int in = inChannels + l * growth;
            List<Module> parts = new ArrayList<>();
            BlockParts.addChannelNorm(parts, normalization, in, "dense_block");
            parts.add(new Activation(activation));
            parts.add(new Conv2d(in, growth, Window2d.square(3, 1, 1), BiasTerm.WITH_BIAS, random));
            layers.add(new Sequential(parts));
        }
        return new DenseBlock(layers);
    }

    private static void checkSizes(int in, int growth, int layerCount) {
        if (in < 1 || growth < 1 || layerCount < 1) {
            throw new IllegalArgumentException("dense_block: input size, growth and layer count must be >= 1, got "
                    + in + ", " + growth + ", " + layerCount);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.rank() < 2) throw new IllegalArgumentException("dense_block: needs input [N, features, ...], got " + input.shape());
        List<Tensor> features = new ArrayList<>(layers.size() + 1);
        features.add(input);
        Tensor current = input;
        for (int l = 0; l < layers.size(); l++) {
            try {
                features.add(layers.get(l).forward(current));
                // A copy: concat's backward rule keeps the list it was given, and this one keeps growing.
                current = ShapeOps.concat(List.copyOf(features), 1);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("dense_block layer " + l + " (input " + current.shape() + "): " + e.getMessage(), e);
            }
        }
        return current;
    }

    @Override
    public String kind() {
        return "dense_block";
    }

    public List<Sequential> layers() {
        return layers;
    }

    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int l = 0; l < layers.size(); l++) out.putAll(Module.prefixed("layers." + l, layers.get(l).namedParameters()));
        return out;
    }

    @Override
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int l = 0; l < layers.size(); l++) out.putAll(Module.prefixed("layers." + l, layers.get(l).namedBuffers()));
        return out;
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int l = 0; l < layers.size(); l++) out.putAll(Module.prefixed("layers." + l, layers.get(l).stateDict()));
        return out;
    }

    @Override
    public Map<String, Module> namedChildren() {
        Map<String, Module> out = new LinkedHashMap<>();
        for (int l = 0; l < layers.size(); l++) out.put("layers." + l, layers.get(l));
        return out;
    }
}
