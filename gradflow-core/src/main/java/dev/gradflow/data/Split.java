package dev.gradflow.data;

/** The published part of a dataset with an official split, e.g. MNIST's 60,000 training and 10,000 test images. */
public enum Split {
    TRAIN,
    TEST
}
