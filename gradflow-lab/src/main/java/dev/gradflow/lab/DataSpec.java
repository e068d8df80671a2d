package dev.gradflow.lab;

import dev.gradflow.data.DatasetSource;
import dev.gradflow.spec.YamlNode;
import java.nio.file.Path;
import java.util.Set;

/**
 * The data of an experiment: a dataset URI ({@link DatasetSource}'s grammar) to train on, and optionally a second
 * one to test on after training — {@code data: synthetic:linear?n=1000&d=10} or
 * {@code data: {train: "mnist:?split=train", test: "mnist:?split=test"}}. Validation, when asked for, is held out
 * of the training data.
 *
 * @param train the training data's URI
 * @param test  the test data's URI, or null
 */
public record DataSpec(String train, String test) {

    public DataSpec {
        if (train == null || train.isBlank()) throw new IllegalArgumentException("data: the training data's URI is required");
    }

    /** Reads {@code data}; URIs are checked against the grammar now (their files only when loaded). */
    static DataSpec parse(YamlNode node) {
        if (node.isScalar()) return new DataSpec(checked(node), null);
        Section s = Section.of(node, Set.of("train", "test"));
        return new DataSpec(checked(s.at("train")), s.has("test") ? checked(s.at("test")) : null);
    }

    private static String checked(YamlNode node) {
        String uri = node.asString().trim();
        try {
            DatasetSource.parse(uri, Path.of("datasets"));
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        return uri;
    }
}
