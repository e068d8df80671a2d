package dev.gradflow.data;

/** What to do with the rows left over when the batch size does not divide the dataset: keep a smaller batch, or drop them. */
public enum LastBatch {
    KEEP,
    DROP
}
