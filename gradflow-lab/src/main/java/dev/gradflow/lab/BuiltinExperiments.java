package dev.gradflow.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The experiments shipped with gradflow, as readable YAML resources ({@code dev/gradflow/lab/experiments/NAME.yaml})
 * that users can print ({@code gradflow run NAME --print-spec}), copy and change.
 */
public final class BuiltinExperiments {
    /** Every built-in experiment, in the order {@code gradflow run --list} shows them. */
    public static final List<String> NAMES = List.of("seed", "remedies", "depth", "exploding", "lr", "mnist-depth", "mnist-mlp",
            "mnist-cnn", "fashion-mlp");

    private BuiltinExperiments() {}

    /** The YAML text of built-in experiment {@code name}, or empty when there is none of that name. */
    public static Optional<String> yaml(String name) {
        if (!NAMES.contains(name)) return Optional.empty();
        String resource = "experiments/" + name + ".yaml";
        try (InputStream in = BuiltinExperiments.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("built-in experiment " + name + " is missing from the jar (" + resource + ")");
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in experiment " + name + ": " + e.getMessage(), e);
        }
    }

    /** The source name used in error messages for a built-in experiment. */
    public static String source(String name) {
        return "builtin:" + name + ".yaml";
    }
}
