package dev.gradflow.nn;

import dev.gradflow.autograd.Window2d;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A residual block: a skip path plus a scaled branch,
 * <pre>  y = P(x) + α·F(x)            (pre-activation, or no activation after the addition)
 *  y = act(P(x) + α·F(x))       (post-activation, ResNet v1)</pre>
 * where F is a {@link Sequential} branch, P the identity or a projection (a Linear, or a 1×1 Conv2d for images)
 * when F changes the shape, and α the branch scale (default 1). The gradient reaching x is
 * ∂L/∂x = Pᵀ·g + α·J_Fᵀ·g, so the skip path carries g past the branch undiminished, whatever F does.
 *
 * <p>Naming follows PyTorch's state_dict: the branch's entries are prefixed {@code branch.} and the projection's
 * {@code projection.}, so a block's parameters are {@code branch.0.weight}, {@code branch.1.running_mean},
 * {@code projection.weight}, …; in a {@link Sequential} at index 3 they become {@code 3.branch.0.weight} and
 * {@code 3.projection.weight}. The activation after the addition has no parameters and takes no name.
 * {@link #children()} lists the branch, then the projection, then the activation, so walkers see every layer.
 *
 * <p>{@link #dense} and {@link #convolutional} build the standard blocks from {@link ResidualOptions}.
 */
public final class Residual implements Module {
    private final Sequential branch;
    private final Module projection;
    private final Module activationAfterAdd;
    private final float branchScale;

    /** y = x + F(x): identity skip, α = 1, nothing after the addition. */
    public Residual(Sequential branch) {
        this(branch, null, null, 1f);
    }

    private Residual(Sequential branch, Module projection, Module activationAfterAdd, float branchScale) {
        if (branch == null) throw new IllegalArgumentException("residual: the branch must be given");
        if (!Float.isFinite(branchScale)) throw new IllegalArgumentException("residual: branch scale must be finite, got " + branchScale);
        this.branch = branch;
        this.projection = projection;
        this.activationAfterAdd = activationAfterAdd;
        this.branchScale = branchScale;
    }

    /** This block with P = {@code projection} on the skip path (sharing the branch). */
    public Residual withProjection(Module projection) {
        return new Residual(branch, projection, activationAfterAdd, branchScale);
    }

    /** This block with {@code activation} applied after the addition (post-activation form). */
    public Residual withActivationAfterAdd(Module activation) {
        return new Residual(branch, projection, activation, branchScale);
    }

    /** This block with branch scale α. */
    public Residual withBranchScale(float alpha) {
        return new Residual(branch, projection, activationAfterAdd, alpha);
    }

    /**
     * A two-layer block over vectors [N, in] → [N, out]:
     * post-activation F = [Linear(in, out), norm, act, Linear(out, out), norm] then act after the addition;
     * pre-activation F = [norm(in), act, Linear(in, out), norm, act, Linear(out, out)].
     * A Linear right before a norm has no bias. P = Linear(in, out) without bias when in ≠ out.
     * With normalization NONE the norms are left out (so indices shift: post-activation gives
     * {@code branch.0}, {@code branch.1} = act, {@code branch.2}).
     */
    public static Residual dense(int inFeatures, int outFeatures, ResidualOptions options, RandomGenerator random) {
        Normalization norm = options.normalization();
        List<Module> layers = new ArrayList<>();
        if (options.form() == ResidualForm.POST_ACTIVATION) {
            layers.add(BlockParts.linear(inFeatures, outFeatures, BlockParts.biasBefore(norm), random));
            BlockParts.addVectorNorm(layers, norm, outFeatures);
            layers.add(new Activation(options.activation()));
            layers.add(BlockParts.linear(outFeatures, outFeatures, BlockParts.biasBefore(norm), random));
            BlockParts.addVectorNorm(layers, norm, outFeatures);
        } else {
            BlockParts.addVectorNorm(layers, norm, inFeatures);
            layers.add(new Activation(options.activation()));
            layers.add(BlockParts.linear(inFeatures, outFeatures, BlockParts.biasBefore(norm), random));
            BlockParts.addVectorNorm(layers, norm, outFeatures);
            layers.add(new Activation(options.activation()));
            layers.add(BlockParts.linear(outFeatures, outFeatures, BiasTerm.WITH_BIAS, random));
        }
        Module projection = inFeatures == outFeatures ? null : BlockParts.linear(inFeatures, outFeatures, BiasTerm.WITHOUT_BIAS, random);
        return finish(layers, projection, options);
    }

    /**
     * A basic ResNet block over images [N, in, H, W] → [N, out, H', W'] with 3×3 convolutions (padding 1), the
     * first with {@code stride}: post-activation F = [conv, BN, act, conv, BN] then act after the addition;
     * pre-activation F = [BN(in), act, conv, BN, act, conv]. P = 1×1 Conv2d(in, out, stride) without bias when
     * in ≠ out or stride ≠ 1. Normalization is BATCH_NORM or NONE.
     */
    public static Residual convolutional(int inChannels, int outChannels, int stride, ResidualOptions options, RandomGenerator random) {
        Normalization norm = options.normalization();
        Window2d first = Window2d.square(3, stride, 1);
        Window2d second = Window2d.square(3, 1, 1);
        List<Module> layers = new ArrayList<>();
        if (options.form() == ResidualForm.POST_ACTIVATION) {
            layers.add(new Conv2d(inChannels, outChannels, first, BlockParts.biasBefore(norm), random));
            BlockParts.addChannelNorm(layers, norm, outChannels, "residual");
            layers.add(new Activation(options.activation()));
            layers.add(new Conv2d(outChannels, outChannels, second, BlockParts.biasBefore(norm), random));
            BlockParts.addChannelNorm(layers, norm, outChannels, "residual");
        } else {
            BlockParts.addChannelNorm(layers, norm, inChannels, "residual");
            layers.add(new Activation(options.activation()));
            layers.add(new Conv2d(inChannels, outChannels, first, BlockParts.biasBefore(norm), random));
            BlockParts.addChannelNorm(layers, norm, outChannels, "residual");
            layers.add(new Activation(options.activation()));
            layers.add(new Conv2d(outChannels, outChannels, second, BiasTerm.WITH_BIAS, random));
        }
        Module projection = inChannels == outChannels && stride == 1 ? null
                : new Conv2d(inChannels, outChannels, Window2d.square(1, stride, 0), BiasTerm.WITHOUT_BIAS, random);
        return finish(layers, projection, options);
    }

    private static Residual finish(List<Module> layers, Module projection, ResidualOptions options) {
        Module after = options.form() == ResidualForm.POST_ACTIVATION ? new Activation(options.activation()) : null;
        Residual block = new Residual(new Sequential(layers), projection, after, options.branchScale());
        if (options.branchInit() == BranchInit.ZERO_LAST_LAYER) block.zeroInitLastLayer();
        return block;
    }

    /**
     * Sets the branch's last Linear/Conv2d (weight and bias) or normalization layer (γ and β) to zero, so F(x) = 0
     * and the block starts as y = P(x) (then act(P(x)) in the post-activation form).
     */
    public void zeroInitLastLayer() {
        BlockParts.zeroLastLayer(branch, "residual");
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor skip = projection == null ? input : projection.forward(input);
        Tensor residual = branch.forward(input);
        if (!residual.shape().equals(skip.shape())) {
            throw new IllegalArgumentException("residual: branch output " + residual.shape() + " does not match the skip path "
                    + skip.shape() + " for input " + input.shape()
                    + (projection == null ? " (add a projection when the branch changes the shape)" : ""));
        }
        Tensor sum = skip.add(branchScale == 1f ? residual : residual.mul(branchScale));
        return activationAfterAdd == null ? sum : activationAfterAdd.forward(sum);
    }

    @Override
    public String kind() {
        return "residual";
    }

    public Sequential branch() {
        return branch;
    }

    /** The projection on the skip path, or null for the identity. */
    public Module projection() {
        return projection;
    }

    /** The module applied after the addition, or null for none. */
    public Module activationAfterAdd() {
        return activationAfterAdd;
    }

    public float branchScale() {
        return branchScale;
    }

    @Override
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>(Module.prefixed("branch", branch.namedParameters()));
        if (projection != null) out.putAll(Module.prefixed("projection", projection.namedParameters()));
        return out;
    }

    @Override
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>(Module.prefixed("branch", branch.namedBuffers()));
        if (projection != null) out.putAll(Module.prefixed("projection", projection.namedBuffers()));
        return out;
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>(Module.prefixed("branch", branch.stateDict()));
        if (projection != null) out.putAll(Module.prefixed("projection", projection.stateDict()));
        return out;
    }

    @Override
    public Map<String, Module> namedChildren() {
        Map<String, Module> out = new LinkedHashMap<>();
        out.put("branch", branch);
        if (projection != null) out.put("projection", projection);
        if (activationAfterAdd != null) out.put("activation", activationAfterAdd);
        return out;
    }
}
