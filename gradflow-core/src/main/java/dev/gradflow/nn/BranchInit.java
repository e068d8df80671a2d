package dev.gradflow.nn;

/** How a residual block initializes the last layer of its branch. */
public enum BranchInit {
    /** Every layer keeps its default initialization. */
    DEFAULT,
    /**
     * The branch's last Linear/Conv2d (weight and bias) or normalization layer (γ and β) is set to zero, so
     * F(x) = 0 and the block starts as its skip path (Goyal et al. 2017, "zero-γ"; Fixup).
     */
    ZERO_LAST_LAYER
}
