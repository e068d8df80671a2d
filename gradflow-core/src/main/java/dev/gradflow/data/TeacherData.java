package dev.gradflow.data;

import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Inputs labelled by a random {@link TeacherNetwork}: x ~ N(0, I)^(n×d), z = f(x) + noise·ε with ε ~ N(0, I). For
 * {@link Task#REGRESSION} the targets are z [n, outputs]; for {@link Task#CLASSIFICATION} they are argmax z [n]
 * (ties to the lowest index), a class index in 0..outputs−1 — classes need not be balanced. A student network of
 * the same shape can fit such data exactly, which makes it a clean test bed for optimization.
 *
 * <p>Draw order: the teacher ({@link TeacherNetwork#random}), then the n·d inputs row-major ({@code nextGaussian()}),
 * then, when noise > 0, n·outputs noise values row-major. Rows are not shuffled (they are already i.i.d.).
 *
 * @param samples n
 * @param inputs  d
 * @param hidden  widths of the hidden layers (may be empty: a linear teacher)
 * @param outputs output width; the number of classes for classification (at least 2)
 * @param task    regression or classification
 * @param noise   standard deviation of the noise added to the teacher's outputs
 */
public record TeacherData(int samples, int inputs, List<Integer> hidden, int outputs, Task task, float noise) implements SyntheticData {
    public static final int DEFAULT_INPUTS = 10;
    public static final List<Integer> DEFAULT_HIDDEN = List.of(32);
    public static final int DEFAULT_REGRESSION_OUTPUTS = 1;
    public static final int DEFAULT_CLASSES = 3;
    public static final float DEFAULT_NOISE = 0f;

    public TeacherData {
        GeneratorChecks.requirePositive("teacher", "samples", samples);
        GeneratorChecks.requirePositive("teacher", "inputs", inputs);
        GeneratorChecks.requirePositive("teacher", "outputs", outputs);
        GeneratorChecks.requireNonNegative("teacher", "noise", noise);
        hidden = List.copyOf(hidden);
        for (int width : hidden) GeneratorChecks.requirePositive("teacher", "hidden width", width);
        Objects.requireNonNull(task, "teacher: task");
        if (task == Task.CLASSIFICATION && outputs < 2) {
            throw new IllegalArgumentException("teacher: classification needs at least 2 classes (outputs), got " + outputs);
        }
    }

    /** n samples of d inputs with the default hidden layers and noise; 1 output for regression, 3 classes otherwise. */
    public static TeacherData of(int samples, int inputs, Task task) {
        int outputs = task == Task.CLASSIFICATION ? DEFAULT_CLASSES : DEFAULT_REGRESSION_OUTPUTS;
        return new TeacherData(samples, inputs, DEFAULT_HIDDEN, outputs, task, DEFAULT_NOISE);
    }

    /** [inputs, hidden…, outputs]. */
    public List<Integer> layerSizes() {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputs);
        sizes.addAll(hidden);
        sizes.add(outputs);
        return sizes;
    }

    @Override
    public Dataset generate(RandomGenerator random) {
        TeacherNetwork teacher = TeacherNetwork.random(layerSizes(), random);
        Tensor x = Tensor.randn(random, samples, inputs);
        double[] z = teacher.forward(x.data(), samples);
        if (noise > 0) {
            for (int i = 0; i < z.length; i++) z[i] += noise * random.nextGaussian();
        }
        if (task == Task.REGRESSION) {
            float[] y = new float[z.length];
            for (int i = 0; i < z.length; i++) y[i] = (float) z[i];
            return new Dataset(x, Tensor.of(y, samples, outputs));
        }
        float[] labels = new float[samples];
        for (int r = 0; r < samples; r++) {
            int best = 0;
            for (int k = 1; k < outputs; k++) {
                if (z[r * outputs + k] > z[r * outputs + best]) best = k;
            }
            labels[r] = best;
        }
        return new Dataset(x, Tensor.of(labels, samples));
    }
}
