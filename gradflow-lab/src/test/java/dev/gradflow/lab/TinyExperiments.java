package dev.gradflow.lab;

import java.io.IOException;
import java.nio.file.Path;

/** Small experiments that run in a second or two, for the runner's tests. */
final class TinyExperiments {
    private TinyExperiments() {}

    /** Four variants (one diverges) on 64 rows, 20 mini-batch steps each, probes every 5 steps. */
    static final String FOUR = """
            name: tiny
            description: four small variants
            data: synthetic:linear?n=64&d=4
            model:
              mlp: {input: 4, width: 8, depth: 3, activation: tanh}
              loss: mse
            training: {optimizer: sgd, lr: 0.05, steps: 20, batch_size: 16, evaluation_interval: 10}
            probes: {interval: 5}
            grid:
              - name: base
              - name: adam, with dropout
                set: {training.optimizer: adam, training.lr: 0.01, model.mlp.dropout: 0.2}
              - name: diverges
                set: {training.lr: 1.0e+9}
              - product:
                  model.mlp.norm: [batchnorm]
                  model.mlp.connections: [residual]
            """.replace("adam, with dropout", "adam-dropout");

    static RunSummary run(String yaml, Path directory, int parallelism) throws IOException {
        ExperimentSpec spec = ExperimentSpec.parse(yaml, "tiny.yaml");
        return new ExperimentRunner(spec, yaml, directory, ExperimentRunner.Options.defaults().withParallelism(parallelism)).run();
    }
}
