package dev.gradflow.spec;

import dev.gradflow.backend.PointwiseFunction;
import dev.gradflow.init.Initializer;
import dev.gradflow.init.Initializers;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.AvgPool2d;
import dev.gradflow.nn.BatchNorm;
import dev.gradflow.nn.BiasTerm;
import dev.gradflow.nn.BranchInit;
import dev.gradflow.nn.Conv2d;
import dev.gradflow.nn.DenseBlock;
import dev.gradflow.nn.Dropout;
import dev.gradflow.nn.Flatten;
import dev.gradflow.nn.GlobalAvgPool2d;
import dev.gradflow.nn.LayerNorm;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.MaxPool2d;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.Normalization;
import dev.gradflow.nn.Residual;
import dev.gradflow.nn.ResidualForm;
import dev.gradflow.nn.ResidualOptions;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.CrossEntropyLoss;
import dev.gradflow.nn.loss.HuberLoss;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.nn.loss.Losses;
import dev.gradflow.autograd.Window2d;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Builds the modules of a {@link ModelSpec}, inferring each layer's input size from the previous one. The shape of
 * one example flows through: [features] for vectors, [channels, height, width] for images. A layer given the wrong
 * kind of input (a linear layer on images without a flatten, a conv on vectors) is an error naming its index.
 * Parameters are drawn from {@code random} in layer order, so the same seed gives the same weights.
 */
public final class ModelFactory {
    private ModelFactory() {}

    /** The model of a spec and its loss. */
    public record Built(Sequential model, Loss loss, int[] outputShape) {}

    /**
     * The model of {@code spec}, its parameters drawn from {@code random}.
     *
     * @throws IllegalArgumentException naming the layer when a layer does not fit its input, or when the model
     *                                  cannot be allocated on this JVM ({@link SizeLimits})
     */
    public static Built build(ModelSpec spec, RandomGenerator random) {
        return build(spec, random, SizeLimits.ofThisJvm());
    }

    static Built build(ModelSpec spec, RandomGenerator random, SizeLimits limits) {
        int[] shape = spec.input().stream().mapToInt(Integer::intValue).toArray();
        SizeLimits.elements("the input", java.util.Arrays.stream(shape).asLongStream().toArray());
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            Step s = layer(spec.layers().get(i), shape, random, "layer " + i, limits);
            layers.add(s.module);
            shape = s.shape;
        }
        return new Built(new Sequential(layers), loss(spec.loss()), shape);
    }

    /** The loss named by a spec. */
    public static Loss loss(ModelSpec.LossSpec spec) {
        return switch (spec.name()) {
            case "huber" -> spec.options().containsKey("delta") ? new HuberLoss(spec.options().get("delta")) : new HuberLoss();
            case "cross_entropy" -> spec.options().containsKey("label_smoothing")
                    ? new CrossEntropyLoss(spec.options().get("label_smoothing")) : new CrossEntropyLoss();
            default -> Losses.byName(spec.name());
        };
    }

    private record Step(Module module, int[] shape) {}

    private static Step layer(LayerSpec spec, int[] in, RandomGenerator random, String where, SizeLimits limits) {
        try {
            return switch (spec) {
                case LayerSpec.Linear l -> {
                    int features = vector(in, where, "linear");
                    limits.parameter("its weight", l.out(), features);
                    Initializer w = l.init() == null ? Linear.DEFAULT_INITIALIZER : Initializers.byName(l.init(), l.initParameters());
                    Linear lin = l.bias()
                            ? (l.biasInit() == null ? new Linear(features, l.out(), w, random)
                                    : new Linear(features, l.out(), w, Initializers.byName(l.biasInit()), random))
                            : new Linear(features, l.out(), w, BiasTerm.WITHOUT_BIAS, random);
                    yield new Step(lin, new int[] {l.out()});
                }
                case LayerSpec.Activation a -> new Step(new Activation(activation(a.name(), a.parameters())), in);
                case LayerSpec.Dropout d -> new Step(new Dropout((float) d.p(), random), in);
                case LayerSpec.BatchNorm b -> new Step(in.length == 3 ? BatchNorm.channels(in[0]) : BatchNorm.features(in[0]), in);
                case LayerSpec.LayerNorm n -> new Step(new LayerNorm(vector(in, where, "layernorm")), in);
                case LayerSpec.Conv2d c -> {
                    image(in, where, "conv2d");
                    limits.parameter("its weight", c.out(), in[0], c.kernel(), c.kernel());
                    SizeLimits.elements("its output per example", c.out(), in[1], in[2]);
                    Conv2d conv = new Conv2d(in[0], c.out(), new Window2d(c.kernel(), c.kernel(), c.stride(), c.stride(), c.padding(), c.padding()),
                            c.bias() ? BiasTerm.WITH_BIAS : BiasTerm.WITHOUT_BIAS, random);
                    if (c.init() != null) conv.initializeWeight(Initializers.byName(c.init()), random);
                    yield new Step(conv, new int[] {c.out(), outSize(in[1], c.kernel(), c.stride(), c.padding(), where),
                            outSize(in[2], c.kernel(), c.stride(), c.padding(), where)});
                }
                case LayerSpec.Pool p -> {
                    image(in, where, p.kind());
                    Module m = p.kind().equals("maxpool2d") ? new MaxPool2d(p.kernel(), p.stride()) : new AvgPool2d(p.kernel(), p.stride());
                    yield new Step(m, new int[] {in[0], outSize(in[1], p.kernel(), p.stride(), 0, where), outSize(in[2], p.kernel(), p.stride(), 0, where)});
                }
                case LayerSpec.GlobalAvgPool g -> {
                    image(in, where, "global_avg_pool");
                    yield new Step(new GlobalAvgPool2d(), new int[] {in[0]});
                }
                case LayerSpec.Flatten f -> {
                    int n = SizeLimits.elements("its output per example", java.util.Arrays.stream(in).asLongStream().toArray());
                    yield new Step(new Flatten(), new int[] {n});
                }
                case LayerSpec.Residual r -> residual(r, in, random, where, limits);
                case LayerSpec.DenseBlock d -> {
                    Normalization norm = normalization(d.norm());
                    PointwiseFunction act = PointwiseFunction.byName(d.activation());
                    long channels = in[0];
                    for (int i = 0; i < d.layers(); i++, channels += d.growth()) {
                        if (in.length == 3) limits.parameter("its layer " + i + "'s weight", d.growth(), channels, 3, 3);
                        else limits.parameter("its layer " + i + "'s weight", d.growth(), channels);
                    }
                    SizeLimits.elements("its output per example", channels);
                    if (in.length == 3) {
                        yield new Step(DenseBlock.images(in[0], d.growth(), d.layers(), norm, act, random),
                                new int[] {in[0] + d.layers() * d.growth(), in[1], in[2]});
                    }
                    int f = vector(in, where, "dense_block");
                    yield new Step(DenseBlock.vectors(f, d.growth(), d.layers(), norm, act, random), new int[] {f + d.layers() * d.growth()});
                }
            };
        } catch (SpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " (" + spec.kind() + "): " + e.getMessage(), e);
        }
    }

    private static Step residual(LayerSpec.Residual r, int[] in, RandomGenerator random, String where, SizeLimits limits) {
        if (r.branch().isEmpty()) {
            // The shorthand block: two layers in → out → out, and a projection when in ≠ out.
            long[] kernel = in.length == 3 ? new long[] {3, 3} : new long[0];
            limits.parameter("its first weight", concat(new long[] {r.out(), in[0]}, kernel));
            limits.parameter("its second weight", concat(new long[] {r.out(), r.out()}, kernel));
            if (in[0] != r.out()) limits.parameter("its projection", r.out(), in[0]);
            ResidualOptions o = ResidualOptions.defaults()
                    .withForm(r.form().equals("pre") ? ResidualForm.PRE_ACTIVATION : ResidualForm.POST_ACTIVATION)
                    .withNormalization(normalization(r.norm()))
                    .withActivation(PointwiseFunction.byName(r.activation()))
                    .withBranchScale((float) r.scale())
                    .withBranchInit(r.zeroInitLast() ? BranchInit.ZERO_LAST_LAYER : BranchInit.DEFAULT);
            if (in.length == 3) {
                return new Step(Residual.convolutional(in[0], r.out(), 1, o, random), new int[] {r.out(), in[1], in[2]});
            }
            return new Step(Residual.dense(vector(in, where, "residual"), r.out(), o, random), new int[] {r.out()});
        }
        int[] shape = in;
        List<Module> branch = new ArrayList<>();
        for (int i = 0; i < r.branch().size(); i++) {
            Step s = layer(r.branch().get(i), shape, random, where + " branch layer " + i, limits);
            branch.add(s.module);
            shape = s.shape;
        }
        Residual block = new Residual(new Sequential(branch));
        if (!java.util.Arrays.equals(shape, in)) {
            limits.parameter("its projection", shape[0], in[0]);
            if (in.length == 3 && shape.length == 3 && in[1] == shape[1] && in[2] == shape[2]) {
                block = block.withProjection(new Conv2d(in[0], shape[0], new Window2d(1, 1, 1, 1, 0, 0), BiasTerm.WITHOUT_BIAS, random));
            } else if (in.length == 1 && shape.length == 1) {
                block = block.withProjection(new Linear(in[0], shape[0], Linear.DEFAULT_INITIALIZER, BiasTerm.WITHOUT_BIAS, random));
            } else {
                throw new IllegalArgumentException("the branch maps " + java.util.Arrays.toString(in) + " to " + java.util.Arrays.toString(shape)
                        + ", which no projection can match");
            }
        }
        if (r.scale() != 1.0) block = block.withBranchScale((float) r.scale());
        if (r.activation() != null) block = block.withActivationAfterAdd(Activation.of(r.activation()));
        if (r.zeroInitLast()) block.zeroInitLastLayer();
        return new Step(block, shape);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static PointwiseFunction activation(String name, java.util.Map<String, Double> p) {
        return switch (name) {
            case "leaky_relu" -> new PointwiseFunction.LeakyRelu(p.getOrDefault("slope", 0.01).floatValue());
            case "elu" -> new PointwiseFunction.Elu(p.getOrDefault("alpha", 1.0).floatValue());
            case "softplus" -> new PointwiseFunction.Softplus(p.getOrDefault("beta", 1.0).floatValue(), p.getOrDefault("threshold", 20.0).floatValue());
            case "hardtanh" -> new PointwiseFunction.Hardtanh(p.getOrDefault("min", -1.0).floatValue(), p.getOrDefault("max", 1.0).floatValue());
            default -> PointwiseFunction.byName(name);
        };
    }

    private static Normalization normalization(String name) {
        return switch (name) {
            case "batchnorm" -> Normalization.BATCH_NORM;
            case "layernorm" -> Normalization.LAYER_NORM;
            default -> Normalization.NONE;
        };
    }

    private static int vector(int[] in, String where, String kind) {
        if (in.length != 1) {
            throw new IllegalArgumentException(kind + " needs vector input but gets images of shape " + java.util.Arrays.toString(in)
                    + "; add a flatten (or global_avg_pool) before it");
        }
        return in[0];
    }

    private static void image(int[] in, String where, String kind) {
        if (in.length != 3) {
            throw new IllegalArgumentException(kind + " needs image input [channels, height, width] but gets " + java.util.Arrays.toString(in));
        }
    }

    private static int outSize(int size, int kernel, int stride, int padding, String where) {
        int out = (size + 2 * padding - kernel) / stride + 1;
        if (out < 1) throw new IllegalArgumentException("kernel " + kernel + " does not fit an input of size " + size + " with padding " + padding);
        return out;
    }
}
