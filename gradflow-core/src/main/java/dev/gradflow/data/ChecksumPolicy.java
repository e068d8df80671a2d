package dev.gradflow.data;

/**
 * Whether a loader checks a file with a standard name (e.g. {@code t10k-images-idx3-ubyte.gz}, {@code iris.csv})
 * against its published SHA-256 before reading it. {@link #VERIFY} is the default everywhere: nothing with a known
 * name loads unless its bytes are the published ones. {@link #SKIP} is the explicit opt-out (for slices, re-packed
 * copies or other datasets that reuse the names); files with other names are never checked.
 */
public enum ChecksumPolicy {
    VERIFY,
    SKIP
}
