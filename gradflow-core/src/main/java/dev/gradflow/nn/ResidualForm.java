package dev.gradflow.nn;

/** Where a residual block puts normalization and activation relative to the skip addition. */
public enum ResidualForm {
    /**
     * ResNet v1 (He et al. 2015): y = act(P(x) + α·F(x)) with F = [W, norm, act, W, norm]; the activation after
     * the addition sits on the identity path.
     */
    POST_ACTIVATION,
    /**
     * ResNet v2, "identity mappings" (He et al. 2016): y = P(x) + α·F(x) with F = [norm, act, W, norm, act, W];
     * nothing follows the addition, so the skip path is a clean identity.
     */
    PRE_ACTIVATION
}
