package dev.gradflow.nn;

import dev.gradflow.backend.PointwiseFunction;

/**
 * How {@link Residual#dense} and {@link Residual#convolutional} build a block.
 *
 * @param form post-activation (ResNet v1) or pre-activation (ResNet v2)
 * @param normalization the normalization inside the branch (LAYER_NORM for vector blocks only)
 * @param activation the activation inside the branch (and after the addition in the post-activation form)
 * @param branchScale α in y = P(x) + α·F(x); must be finite
 * @param branchInit whether the branch's last layer starts at zero
 */
public record ResidualOptions(ResidualForm form, Normalization normalization, PointwiseFunction activation,
                              float branchScale, BranchInit branchInit) {

    public ResidualOptions {
        if (form == null || normalization == null || activation == null || branchInit == null) {
            throw new IllegalArgumentException("residual options: form, normalization, activation and branch init must be given");
        }
        if (!Float.isFinite(branchScale)) {
            throw new IllegalArgumentException("residual options: branch scale must be finite, got " + branchScale);
        }
    }

    /** ResNet v1 defaults: post-activation, batch norm, ReLU, α = 1, default initialization. */
    public static ResidualOptions defaults() {
        return new ResidualOptions(ResidualForm.POST_ACTIVATION, Normalization.BATCH_NORM, PointwiseFunction.Relu.INSTANCE,
                1f, BranchInit.DEFAULT);
    }

    public ResidualOptions withForm(ResidualForm value) {
        return new ResidualOptions(value, normalization, activation, branchScale, branchInit);
    }

    public ResidualOptions withNormalization(Normalization value) {
        return new ResidualOptions(form, value, activation, branchScale, branchInit);
    }

    public ResidualOptions withActivation(PointwiseFunction value) {
        return new ResidualOptions(form, normalization, value, branchScale, branchInit);
    }

    public ResidualOptions withBranchScale(float value) {
        return new ResidualOptions(form, normalization, activation, value, branchInit);
    }

    public ResidualOptions withBranchInit(BranchInit value) {
        return new ResidualOptions(form, normalization, activation, branchScale, value);
    }
}
