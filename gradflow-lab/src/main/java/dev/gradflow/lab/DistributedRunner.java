package dev.gradflow.lab;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Runs an experiment's variants on a cluster instead of local threads, writing the same run directory as
 * {@link ExperimentRunner}. Implementations live in separate modules (gradflow-spark) and are found with
 * {@link ServiceLoader}, so the lab and the command line do not depend on them: a run asks for one by name when
 * its module is on the classpath.
 */
public interface DistributedRunner {
    /** The name a user asks for, e.g. {@code spark}. */
    String name();

    /**
     * Runs every run of the recipe's spec on the cluster at {@code master} and writes the run directory.
     *
     * @param recipe  the experiment, rebuilt from text wherever a run trains
     * @param specYaml the spec's text for {@code spec.yaml}
     * @param directory the run directory (new or empty)
     * @param options  progress, datasets and provenance ({@code parallelism} is the cluster's to decide)
     * @param master   where to run, in the implementation's terms (Spark: {@code local[2]}, {@code spark://host:7077})
     */
    RunSummary run(ExperimentRecipe recipe, String specYaml, Path directory, ExperimentRunner.Options options, String master)
            throws java.io.IOException;

    /** The runner called {@code name} on the classpath, if any. */
    static Optional<DistributedRunner> named(String name) {
        for (DistributedRunner r : ServiceLoader.load(DistributedRunner.class)) if (r.name().equals(name)) return Optional.of(r);
        return Optional.empty();
    }
}
