package dev.gradflow.cli.bench;

import dev.gradflow.diagnostics.GradientFlowProbe;
import dev.gradflow.diagnostics.ProbeConfig;
import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.CrossEntropyLoss;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.nn.loss.MseLoss;
import dev.gradflow.optim.Adam;
import dev.gradflow.optim.AdamConfig;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.optim.Sgd;
import dev.gradflow.optim.SgdConfig;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The standard workloads of the speed comparison with PyTorch, defined exactly as the shared
 * {@code pytorch_reference.py} defines them: an MLP with PyTorch's default initialization, random fixed inputs
 * (x ~ N(0, 1); regression targets ~ N(0, 1), class targets uniform in [0, 10)), and one optimizer.
 *
 * <table>
 *   <caption>workloads</caption>
 *   <tr><th>name</th><th>model</th><th>loss</th><th>batch</th><th>optimizer</th></tr>
 *   <tr><td>seed_sgd</td><td>10 → 128 ReLU → 64 ReLU → 1</td><td>MSE</td><td>1000</td><td>SGD lr 0.01</td></tr>
 *   <tr><td>seed_adam</td><td>same</td><td>MSE</td><td>1000</td><td>Adam lr 1e-3</td></tr>
 *   <tr><td>mnist_adam</td><td>784 → 256 ReLU → 256 ReLU → 10</td><td>cross-entropy</td><td>128</td><td>Adam lr 1e-3</td></tr>
 *   <tr><td>mnist_adam_probed</td><td colspan="4">mnist_adam with a {@link GradientFlowProbe} recording every step</td></tr>
 *   <tr><td>deep20</td><td>256 → 20 × (Linear 256 + tanh) → Linear 10</td><td>cross-entropy</td><td>256</td><td>SGD lr 0.01</td></tr>
 *   <tr><td>deep50</td><td>same with 50 hidden layers</td><td>cross-entropy</td><td>256</td><td>SGD lr 0.01</td></tr>
 *   <tr><td>seed_sgd_b1</td><td>the seed model</td><td>MSE</td><td>1</td><td>SGD lr 0.01</td></tr>
 * </table>
 */
public enum Workload {
    SEED_SGD("seed_sgd", seedWidths(), "relu", Objective.REGRESSION, OptimizerKind.SGD, 1000, Probing.OFF),
    SEED_ADAM("seed_adam", seedWidths(), "relu", Objective.REGRESSION, OptimizerKind.ADAM, 1000, Probing.OFF),
    MNIST_ADAM("mnist_adam", new int[] {784, 256, 256, 10}, "relu", Objective.CLASSES, OptimizerKind.ADAM, 128, Probing.OFF),
    MNIST_ADAM_PROBED("mnist_adam_probed", new int[] {784, 256, 256, 10}, "relu", Objective.CLASSES, OptimizerKind.ADAM, 128,
            Probing.EVERY_STEP),
    DEEP20("deep20", deepWidths(20), "tanh", Objective.CLASSES, OptimizerKind.SGD, 256, Probing.OFF),
    DEEP50("deep50", deepWidths(50), "tanh", Objective.CLASSES, OptimizerKind.SGD, 256, Probing.OFF),
    SEED_SGD_B1("seed_sgd_b1", seedWidths(), "relu", Objective.REGRESSION, OptimizerKind.SGD, 1, Probing.OFF);

    private static final double SGD_LEARNING_RATE = 0.01;
    private static final double ADAM_LEARNING_RATE = 1e-3;

    /** What the model is trained to predict. */
    enum Objective { REGRESSION, CLASSES }

    enum OptimizerKind { SGD, ADAM }

    /** Whether a gradient-flow probe records the steps. */
    enum Probing { OFF, EVERY_STEP }

    private final String id;
    private final int[] widths;
    private final String activation;
    private final Objective objective;
    private final OptimizerKind optimizer;
    private final int batch;
    private final Probing probing;

    Workload(String id, int[] widths, String activation, Objective objective, OptimizerKind optimizer, int batch, Probing probing) {
        this.id = id;
        this.widths = widths;
        this.activation = activation;
        this.objective = objective;
        this.optimizer = optimizer;
        this.batch = batch;
        this.probing = probing;
    }

    /** The name used on the command line, in JSON and by the PyTorch script. */
    public String id() {
        return id;
    }

    /** Examples per step. */
    public int batch() {
        return batch;
    }

    /** The workload of this name, or an exception listing the names. */
    public static Workload byId(String id) {
        for (Workload w : values()) if (w.id.equals(id)) return w;
        List<String> ids = new ArrayList<>();
        for (Workload w : values()) ids.add(w.id);
        throw new IllegalArgumentException("unknown workload '" + id + "'; known: " + String.join(", ", ids));
    }

    /** A fresh model, data and optimizer for this workload, all drawn from {@code seed}. */
    public TrainingStep build(long seed) {
        return build(seed, probing == Probing.EVERY_STEP ? ProbeConfig.defaults() : null);
    }

    /** The same with a probe of the given configuration, or none when it is null. */
    TrainingStep build(long seed, ProbeConfig probeConfig) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            layers.add(new Linear(widths[i], widths[i + 1], random));
            if (i + 2 < widths.length) layers.add(Activation.of(activation));
        }
        Sequential model = new Sequential(layers);
        Tensor x = Tensor.randn(random, batch, widths[0]);
        Tensor y;
        Loss loss;
        if (objective == Objective.REGRESSION) {
            y = Tensor.randn(random, batch, widths[widths.length - 1]);
            loss = new MseLoss();
        } else {
            int classes = widths[widths.length - 1];
            float[] labels = new float[batch];
            for (int i = 0; i < batch; i++) labels[i] = random.nextInt(classes);
            y = Tensor.of(labels, batch);
            loss = new CrossEntropyLoss();
        }
        Optimizer opt = switch (optimizer) {
            case SGD -> new Sgd(model.parameters(), SgdConfig.defaults().withLearningRate(SGD_LEARNING_RATE));
            case ADAM -> new Adam(model.parameters(), AdamConfig.defaults().withLearningRate(ADAM_LEARNING_RATE));
        };
        GradientFlowProbe probe = probeConfig == null ? null : new GradientFlowProbe(model, probeConfig);
        return new TrainingStep(model, loss, opt, x, y, probe);
    }

    private static int[] seedWidths() {
        return new int[] {10, 128, 64, 1};
    }

    /** 256, then {@code hidden} layers of 256, then 10 classes. */
    private static int[] deepWidths(int hidden) {
        int[] w = new int[hidden + 2];
        java.util.Arrays.fill(w, 256);
        w[hidden + 1] = 10;
        return w;
    }
}
