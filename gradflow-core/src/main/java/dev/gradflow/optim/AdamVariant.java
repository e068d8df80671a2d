package dev.gradflow.optim;

/**
 * Which second-moment estimate Adam divides by: the running average v_t ({@link #ADAM}) or its running maximum
 * max(v_1 … v_t) ({@link #AMSGRAD}, Reddi et al. 2018; PyTorch's {@code amsgrad=True}).
 */
public enum AdamVariant {
    ADAM,
    AMSGRAD
}
