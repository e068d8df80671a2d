package dev.gradflow.nn.loss;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.tensor.StepMemory;
import dev.gradflow.tensor.Tensor;

/**
 * Cross-entropy over class indices, as torch.nn.CrossEntropyLoss (no class weights, no ignore_index): for logits
 * x of shape [N, C] and targets t of shape [N] holding class indices as floats, with log-probabilities
 * log p_{i,c} = x_{i,c} − log Σ_k e^{x_{i,k}} and label smoothing ε,
 * <pre>  ℓ_i = −(1 − ε)·log p_{i,t_i} − (ε/C)·Σ_c log p_{i,c}</pre>
 * reduced over the N rows by {@link Reduction} (mean by default). One fused op computes the log-softmax once and
 * keeps it for the backward pass:
 * <pre>  ∂ℓ_i/∂x_{i,c} = p_{i,c} − (1 − ε)·[c = t_i] − ε/C</pre>
 * The targets get no gradient. Each target must be an integer in [0, C); otherwise the exception names the row.
 */
public record CrossEntropyLoss(double labelSmoothing, Reduction reduction) implements Loss {

    /** PyTorch's default: no label smoothing. */
    public static final double DEFAULT_LABEL_SMOOTHING = 0.0;

    public CrossEntropyLoss {
        if (!(labelSmoothing >= 0.0 && labelSmoothing <= 1.0)) {
            throw new IllegalArgumentException("cross_entropy loss: label smoothing must be in [0, 1], got " + labelSmoothing);
        }
        if (reduction == null) throw new IllegalArgumentException("cross_entropy loss: reduction must not be null");
    }

    /** No label smoothing, mean reduction. */
    public CrossEntropyLoss() {
        this(DEFAULT_LABEL_SMOOTHING, Reduction.DEFAULT);
    }

    /** The given label smoothing ε, mean reduction. */
    public CrossEntropyLoss(double labelSmoothing) {
        this(labelSmoothing, Reduction.DEFAULT);
    }

    @Override
    public Tensor compute(Tensor logits, Tensor target) {
        if (logits.rank() != 2 || target.rank() != 1 || target.dim(0) != logits.dim(0)) {
            throw new IllegalArgumentException(name() + " loss: logits shape " + logits.shape() + " and target shape "
                    + target.shape() + " do not fit (needs logits [N, C] and target [N] of class indices)");
        }
        int rows = logits.dim(0);
        int classes = logits.dim(1);
        int[] labels = classIndices(target.data(), classes);
        float[] logProbabilities = StepMemory.borrow(logits.size());
        KernelProvider.kernels().logSoftmaxRows(logits.data(), logProbabilities, rows, classes);

        double keep = 1.0 - labelSmoothing;
        double spread = classes == 0 ? 0.0 : labelSmoothing / classes;
        double[] terms = reduction == Reduction.NONE ? new double[rows] : null;
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            int base = i * classes;
            double all = 0;
            for (int c = 0; c < classes; c++) all += logProbabilities[base + c];
            double term = -keep * logProbabilities[base + labels[i]] - spread * all;
            if (terms != null) terms[i] = term;
            sum += term;
        }
        float[] output = terms != null ? reduction.reduce(terms) : reduction.reduceSum(sum, rows);
        return Tensor.fromOp(reduction.outputShape(target.shape()), output, "cross_entropy_loss", g -> {
            float[] gx = logits.gradBuffer();
            for (int i = 0; i < rows; i++) {
                double up = reduction.upstream(g, i, rows);
                int base = i * classes;
                for (int c = 0; c < classes; c++) {
                    double d = Math.exp(logProbabilities[base + c]) - spread - (c == labels[i] ? keep : 0.0);
                    gx[base + c] += (float) (up * d);
                }
            }
        }, logits);
    }

    @Override
    public String name() {
        return "cross_entropy";
    }

    /** The targets as ints, each checked to be an integer in [0, classes). */
    private int[] classIndices(float[] target, int classes) {
        int[] labels = new int[target.length];
        for (int i = 0; i < target.length; i++) {
            float t = target[i];
            if (!(t >= 0f && t < classes && t == Math.rint(t))) {
                throw new IllegalArgumentException(name() + " loss: target row " + i + " holds " + t
                        + ", which is not a class index in [0, " + classes + ")");
            }
            labels[i] = (int) t;
        }
        return labels;
    }
}
