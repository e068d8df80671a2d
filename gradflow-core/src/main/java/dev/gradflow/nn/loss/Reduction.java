package dev.gradflow.nn.loss;

import dev.gradflow.tensor.Shape;

/**
 * How a loss turns its per-element (or per-row) terms ℓ_i, i &lt; n, into its output, as PyTorch's
 * {@code reduction} argument: {@link #MEAN} (the default) gives (1/n)·Σ_i ℓ_i, {@link #SUM} gives Σ_i ℓ_i and
 * {@link #NONE} returns the terms themselves. The sum is accumulated in double.
 */
public enum Reduction {
    MEAN,
    SUM,
    NONE;

    /** The reduction every loss uses unless told otherwise (PyTorch's default). */
    public static final Reduction DEFAULT = MEAN;

    /** The reduction of this name ("mean", "sum", "none"), or an exception listing them. */
    public static Reduction byName(String name) {
        return switch (name) {
            case "mean" -> MEAN;
            case "sum" -> SUM;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("unknown reduction '" + name + "'; known: mean, sum, none");
        };
    }

    /** The output shape: a scalar for MEAN and SUM, the terms' shape for NONE. */
    Shape outputShape(Shape termShape) {
        return this == NONE ? termShape : Shape.scalar();
    }

    /**
     * The output data of MEAN or SUM for the sum Σ_i ℓ_i of {@code count} terms (accumulated in double in index
     * order by the caller, as {@link #reduce} accumulates it).
     */
    float[] reduceSum(double sum, int count) {
        if (this == NONE) throw new IllegalStateException("reduction none keeps the terms; use reduce(terms)");
        return new float[] {(float) (this == MEAN ? sum / count : sum)};
    }

    /** The output data for the terms ℓ_i. */
    float[] reduce(double[] terms) {
        if (this == NONE) {
            float[] out = new float[terms.length];
            for (int i = 0; i < terms.length; i++) out[i] = (float) terms[i];
            return out;
        }
        double sum = 0;
        for (double t : terms) sum += t;
        return new float[] {(float) (this == MEAN ? sum / terms.length : sum)};
    }

    /**
     * ∂L/∂ℓ_i given the output gradient g: g/n for MEAN, g for SUM, g_i for NONE (with n = {@code count}).
     */
    double upstream(float[] gradOutput, int index, int count) {
        return switch (this) {
            case MEAN -> (double) gradOutput[0] / count;
            case SUM -> gradOutput[0];
            case NONE -> gradOutput[index];
        };
    }
}
