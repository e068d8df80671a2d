package dev.gradflow.backend;

/** Whether a GEMM operand is used as stored or transposed (BLAS's 'N' and 'T'). */
public enum Transpose {
    /** op(A) = A. */
    NO,
    /** op(A) = Aᵀ: the operand is stored row-major as its transpose. */
    YES
}
