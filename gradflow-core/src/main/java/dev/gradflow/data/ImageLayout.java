package dev.gradflow.data;

/** The shape of loaded images: {@link #FLAT} [N, rows·cols] for MLPs, {@link #NCHW} [N, 1, rows, cols] for convolutions. */
public enum ImageLayout {
    FLAT,
    NCHW
}
