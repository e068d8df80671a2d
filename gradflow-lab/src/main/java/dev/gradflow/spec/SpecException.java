package dev.gradflow.spec;

/**
 * A malformed model or experiment spec. The message names the source (file), the line and column, and the path of
 * the offending entry (e.g. {@code model.yaml:7:9: layers[2].linear.out: expected a positive integer, got "abc"}).
 */
public final class SpecException extends IllegalArgumentException {
    private final String source;
    private final int line;
    private final String path;

    public SpecException(String source, int line, int column, String path, String problem) {
        super(format(source, line, column, path, problem));
        this.source = source;
        this.line = line;
        this.path = path;
    }

    private static String format(String source, int line, int column, String path, String problem) {
        StringBuilder sb = new StringBuilder(source == null ? "spec" : source);
        if (line > 0) sb.append(':').append(line).append(':').append(column);
        sb.append(": ");
        if (path != null && !path.isEmpty()) sb.append(path).append(": ");
        return sb.append(problem).toString();
    }

    /** The file or name the spec came from. */
    public String source() {
        return source;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The entry's path, e.g. {@code layers[2].linear.out}. */
    public String path() {
        return path;
    }
}
