package dev.gradflow.diagnostics;

import dev.gradflow.nn.Activation;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.Sequential;
import dev.gradflow.nn.loss.Loss;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/** Deep MLPs with hand-set weight laws, for checking diagnostics against theory. */
final class TestModels {
    private TestModels() {}

    /** Mean squared error written from primitives (independent of the losses under test elsewhere). */
    static final Loss MSE = new Loss() {
        public Tensor compute(Tensor prediction, Tensor target) {
            return prediction.sub(target).square().mean();
        }

        public String name() {
            return "mse";
        }
    };

    /** How each weight entry is drawn given fan_in n. */
    enum Law {
        /** N(0, 2/n): He et al. 2015. */
        HE,
        /** N(0, 1/n): Xavier/Glorot for square layers. */
        XAVIER,
        /** U(−1/√n, 1/√n): Var = 1/(3n), Glorot &amp; Bengio's "standard". */
        STANDARD
    }

    /** depth × [Linear(width) + activation] + Linear(1); zero biases. */
    static Sequential mlp(int input, int width, int depth, String activation, Law law, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Module> layers = new ArrayList<>();
        int in = input;
        for (int i = 0; i < depth; i++) {
            layers.add(linear(in, width, law, scale, random));
            layers.add(Activation.of(activation));
            in = width;
        }
        layers.add(linear(in, 1, law, 1.0, random));
        return new Sequential(layers);
    }

    static Linear linear(int in, int out, Law law, double scale, SplittableRandom random) {
        float[] w = new float[out * in];
        DoubleSupplier draw = switch (law) {
            case HE -> () -> random.nextGaussian() * Math.sqrt(2.0 / in);
            case XAVIER -> () -> random.nextGaussian() * Math.sqrt(1.0 / in);
            case STANDARD -> () -> (random.nextDouble() * 2 - 1) / Math.sqrt(in);
        };
        for (int i = 0; i < w.length; i++) w[i] = (float) (scale * draw.getAsDouble());
        return new Linear(Tensor.of(w, out, in), Tensor.zeros(out));
    }

    /** N(0, 1) inputs and targets. */
    static InitializationAnalysis.BatchSource gaussianBatches(int input, int batch) {
        return (seed, index) -> {
            SplittableRandom r = new SplittableRandom(1000L * seed + index);
            return new InitializationAnalysis.Batch(Tensor.randn(r, batch, input), Tensor.randn(r, batch, 1));
        };
    }
}
