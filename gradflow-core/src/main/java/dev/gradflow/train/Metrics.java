package dev.gradflow.train;

import dev.gradflow.data.Task;
import dev.gradflow.tensor.Tensor;

/**
 * The loss and the task's metric on one split: accuracy for classification, R² for regression; the metric that
 * does not apply to the task is NaN.
 */
public record Metrics(double loss, double accuracy, double rSquared) {

    /** The metrics of {@code prediction} against {@code target} for the task, with the loss already computed. */
    public static Metrics of(Task task, double loss, Tensor prediction, Tensor target) {
        return switch (task) {
            case CLASSIFICATION -> new Metrics(loss, accuracy(prediction, target), Double.NaN);
            case REGRESSION -> new Metrics(loss, Double.NaN, rSquared(prediction, target));
        };
    }

    /**
     * Fraction of rows whose predicted class equals the target class index. For prediction [N, C] with C > 1 the
     * predicted class is the arg-max of the row (the first on ties, as torch.argmax); for one output per row
     * ([N] or [N, 1], logits of a binary classifier) it is 1 when the logit is above 0, else 0.
     */
    public static double accuracy(Tensor prediction, Tensor target) {
        int n = target.dim(0);
        if (prediction.rank() == 0 || prediction.dim(0) != n || target.size() != n) {
            throw new IllegalArgumentException("accuracy: prediction " + prediction.shape() + " and target " + target.shape()
                    + " must have the same rows, one class index per row");
        }
        if (n == 0) return Double.NaN;
        int classes = prediction.size() / n;
        float[] p = prediction.data();
        float[] t = target.data();
        int correct = 0;
        for (int r = 0; r < n; r++) {
            int predicted;
            if (classes == 1) {
                predicted = p[r] > 0f ? 1 : 0;
            } else {
                predicted = 0;
                int base = r * classes;
                for (int c = 1; c < classes; c++) if (p[base + c] > p[base + predicted]) predicted = c;
            }
            if (predicted == (int) t[r]) correct++;
        }
        return (double) correct / n;
    }

    /**
     * Coefficient of determination, R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)², per output column then averaged over the
     * columns (scikit-learn's and torchmetrics' "uniform_average"). A column with constant targets scores 1 when
     * predicted exactly, else 0 (scikit-learn's force_finite rule).
     */
    public static double rSquared(Tensor prediction, Tensor target) {
        if (prediction.size() != target.size() || target.rank() == 0) {
            throw new IllegalArgumentException("r2: prediction " + prediction.shape() + " and target " + target.shape()
                    + " must have the same number of elements");
        }
        int n = target.dim(0);
        if (n == 0) return Double.NaN;
        int columns = target.size() / n;
        float[] p = prediction.data();
        float[] y = target.data();
        double total = 0.0;
        for (int c = 0; c < columns; c++) {
            double mean = 0.0;
            for (int r = 0; r < n; r++) mean += y[r * columns + c];
            mean /= n;
            double residual = 0.0;
            double spread = 0.0;
            for (int r = 0; r < n; r++) {
                double yi = y[r * columns + c];
                double e = yi - p[r * columns + c];
                residual += e * e;
                spread += (yi - mean) * (yi - mean);
            }
            total += spread == 0.0 ? (residual == 0.0 ? 1.0 : 0.0) : 1.0 - residual / spread;
        }
        return total / columns;
    }
}
