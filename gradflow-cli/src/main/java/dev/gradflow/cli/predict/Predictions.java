package dev.gradflow.cli.predict;

import dev.gradflow.nn.Module;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.train.Evaluator;

/**
 * A model's outputs for a batch of inputs, and their CSV form. The columns follow the loss the model was trained
 * with:
 * <ul>
 *   <li>{@code cross_entropy}: the softmax probability of each class, {@code p0 … pK-1}, and the most probable
 *       {@code class} (the first on a tie);</li>
 *   <li>{@code bce_with_logits} with one output: {@code p0 = 1 − σ(z)}, {@code p1 = σ(z)} and {@code class}
 *       (1 when p1 &gt; p0); with K outputs (multi-label): {@code p0 … pK-1 = σ(z_k)}, no class;</li>
 *   <li>any other loss (regression): {@code prediction} for one output, {@code prediction_0 … prediction_K-1} for K.</li>
 * </ul>
 * One row per example, in input order; numbers as Java's shortest round-tripping float text.
 */
final class Predictions {
    private Predictions() {}

    /** The model's raw outputs [N, K] for {@code features} [N, …], in evaluation mode and without a graph. */
    static Tensor outputs(Module model, Tensor features) {
        int n = features.dim(0);
        Tensor all = Evaluator.outputs(model, features);
        return Tensor.of(all.data(), n, n == 0 ? 0 : all.size() / n);
    }

    /** The CSV text (header and one row per example) for outputs [N, K] of a model trained with {@code loss}. */
    static String csv(Tensor outputs, String loss) {
        int n = outputs.dim(0);
        int k = outputs.dim(1);
        float[] z = outputs.data();
        StringBuilder sb = new StringBuilder();
        switch (loss) {
            case "cross_entropy" -> {
                sb.append(header("p", k)).append(",class\n");
                float[] p = new float[k];
                for (int r = 0; r < n; r++) {
                    int best = softmax(z, r * k, k, p);
                    for (int j = 0; j < k; j++) sb.append(p[j]).append(',');
                    sb.append(best).append('\n');
                }
            }
            case "bce_with_logits" -> {
                if (k == 1) {
                    sb.append("p0,p1,class\n");
                    for (int r = 0; r < n; r++) {
                        float p1 = sigmoid(z[r]);
                        float p0 = 1f - p1;
                        sb.append(p0).append(',').append(p1).append(',').append(p1 > p0 ? 1 : 0).append('\n');
                    }
                } else {
                    sb.append(header("p", k)).append('\n');
                    for (int r = 0; r < n; r++) row(sb, z, r * k, k, true);
                }
            }
            default -> {
                sb.append(k == 1 ? "prediction" : header("prediction_", k)).append('\n');
                for (int r = 0; r < n; r++) row(sb, z, r * k, k, false);
            }
        }
        return sb.toString();
    }

    private static String header(String prefix, int k) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < k; j++) sb.append(j == 0 ? "" : ",").append(prefix).append(j);
        return sb.toString();
    }

    private static void row(StringBuilder sb, float[] z, int offset, int k, boolean sigmoid) {
        for (int j = 0; j < k; j++) sb.append(j == 0 ? "" : ",").append(sigmoid ? sigmoid(z[offset + j]) : z[offset + j]);
        sb.append('\n');
    }

    /** p = softmax(z[offset … offset+k)), computed as exp(z − max)/Σ in double; returns the argmax (first on a tie). */
    private static int softmax(float[] z, int offset, int k, float[] p) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (z[offset + j] > z[offset + best]) best = j;
        }
        double max = z[offset + best];
        double sum = 0;
        for (int j = 0; j < k; j++) sum += Math.exp(z[offset + j] - max);
        for (int j = 0; j < k; j++) p[j] = (float) (Math.exp(z[offset + j] - max) / sum);
        return best;
    }

    private static float sigmoid(float z) {
        return (float) (1 / (1 + Math.exp(-(double) z)));
    }
}
