package dev.gradflow.cli.run;

import dev.gradflow.cli.UserException;
import dev.gradflow.lab.BuiltinExperiments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code gradflow run}'s experiment comes from: a YAML file, or a built-in experiment by name when no file of
 * that name exists.
 *
 * @param text   the YAML text
 * @param source how errors name it (the path, or {@code builtin:NAME.yaml})
 */
record ExperimentSource(String text, String source) {

    static ExperimentSource resolve(String argument) {
        Path file = Path.of(argument);
        if (Files.isRegularFile(file)) {
            try {
                return new ExperimentSource(Files.readString(file, StandardCharsets.UTF_8), argument);
            } catch (IOException e) {
                throw new UserException("cannot read " + argument + ": " + e.getMessage(), e);
            }
        }
        Optional<String> builtin = BuiltinExperiments.yaml(argument);
        if (builtin.isPresent()) return new ExperimentSource(builtin.get(), BuiltinExperiments.source(argument));
        if (Files.isDirectory(file)) throw new UserException(argument + " is a directory, not an experiment spec");
        throw new UserException("no experiment file '" + argument + "' and no built-in experiment of that name; built-in: "
                + String.join(", ", BuiltinExperiments.NAMES) + " (see gradflow run --list)");
    }
}
