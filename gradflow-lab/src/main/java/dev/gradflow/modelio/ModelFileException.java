package dev.gradflow.modelio;

/**
 * A model file that cannot be read or does not fit the model: truncated, malformed header, bad offsets, unknown
 * dtype, missing or unexpected tensors, wrong shapes. The message names the file, then where the problem is (a
 * tensor, a header position) and what is wrong, e.g.
 * {@code model.safetensors: tensor '0.weight': shape [4, 3] of F32 needs 48 bytes but data_offsets [0, 40] span 40}.
 */
public final class ModelFileException extends IllegalArgumentException {
    private final String source;
    private final String location;

    /**
     * @param source the file (or name of the bytes) being read
     * @param location where in it the problem is ("tensor '0.weight'", "header character 17"), or null
     * @param problem what is wrong
     */
    public ModelFileException(String source, String location, String problem) {
        super(format(source, location, problem));
        this.source = source;
        this.location = location;
    }

    /** As {@link #ModelFileException(String, String, String)}, keeping the underlying cause. */
    public ModelFileException(String source, String location, String problem, Throwable cause) {
        this(source, location, problem);
        initCause(cause);
    }

    private static String format(String source, String location, String problem) {
        StringBuilder sb = new StringBuilder(source == null ? "model file" : source).append(": ");
        if (location != null && !location.isEmpty()) sb.append(location).append(": ");
        return sb.append(problem).toString();
    }

    /** The file or name of the bytes being read. */
    public String source() {
        return source;
    }

    /** Where the problem is ("tensor '0.weight'", "header character 17"), or null for the file as a whole. */
    public String location() {
        return location;
    }
}
