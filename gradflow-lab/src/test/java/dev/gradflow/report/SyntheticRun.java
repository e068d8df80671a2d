package dev.gradflow.report;

import dev.gradflow.diagnostics.Finding;
import dev.gradflow.diagnostics.Finding.Remedy;
import dev.gradflow.diagnostics.LayerStats;
import dev.gradflow.diagnostics.ParameterStats;
import dev.gradflow.diagnostics.StepRecord;
import dev.gradflow.lab.RunSummary;
import dev.gradflow.lab.VariantSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Builds run directories the way the experiment runner lays them out, from made-up but plausible probe records:
 * an MLP of {@code depth} linear layers, each but the last followed by an activation, whose backpropagated
 * gradient shrinks by {@code perLayerGain} per layer towards the input.
 */
final class SyntheticRun {
    static final String SPEC = """
            experiment: activation-depth
            description: Which activations keep gradients alive in a deep MLP? </script> stays text.
            model:
              layers: [linear 64, sigmoid, linear 64, sigmoid, linear 10]
            grid:
              model.activation: [sigmoid, tanh, relu]
            """;

    private SyntheticRun() {}

    /** The probe records of one variant: {@code steps} records of a {@code depth}-layer MLP. */
    static List<StepRecord> records(int steps, int depth, String activation, double perLayerGain, long seed, int divergeAt) {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        List<StepRecord> out = new ArrayList<>(steps);
        for (int s = 1; s <= steps; s++) {
            double progress = (double) s / steps;
            boolean diverged = divergeAt > 0 && s >= divergeAt;
            double speed = 1 + 5 * Math.min(1, perLayerGain);
            double loss = diverged ? Double.NaN : 2.3 * Math.exp(-speed * progress) + 0.05 + 0.03 * random.nextDouble();
            List<LayerStats> layers = new ArrayList<>();
            List<ParameterStats> parameters = new ArrayList<>();
            int index = 0;
            for (int d = 0; d < depth; d++) {
                double backprop = 0.8 * Math.pow(perLayerGain, depth - 1 - d) * (1 + 0.1 * random.nextGaussian()) * (1 - 0.3 * progress);
                if (diverged) backprop = Double.NaN;
                String linear = Integer.toString(index++);
                layers.add(new LayerStats(linear, "linear", 0.01, 1.1 - 0.05 * d, 0, 0, backprop, 4 * backprop));
                double weight = 4 + 0.5 * random.nextDouble();
                double grad = 0.05 * Math.sqrt(perLayerGain) * Math.pow(perLayerGain, (depth - 1 - d) / 2.0) * (1 + 0.1 * random.nextGaussian());
                double update = 1e-3 * weight * Math.pow(perLayerGain, (depth - 1 - d) / 2.0) * (1 + 0.2 * random.nextGaussian());
                parameters.add(new ParameterStats(linear + ".weight", diverged ? Double.NaN : grad, grad / 8, grad / 2, 0.0,
                        diverged ? 64 : 0, weight, update, update / weight));
                parameters.add(new ParameterStats(linear + ".bias", grad / 10, grad / 80, grad / 20, 0.0, 0, 0.5, update / 10, update / 5));
                if (d < depth - 1) {
                    String act = Integer.toString(index++);
                    double saturated = activation.equals("sigmoid") || activation.equals("tanh") ? Math.min(0.9, 0.1 + 0.5 * progress * d / depth) : 0;
                    double dead = activation.equals("relu") ? 0.05 + 0.2 * progress * d / depth : 0;
                    layers.add(new LayerStats(act, activation, 0.5, 0.25 * Math.pow(0.9, d), saturated, dead, backprop * perLayerGain, backprop));
                }
            }
            out.add(new StepRecord(s, loss, 0.01, Double.NaN, false, layers, parameters));
        }
        return out;
    }

    static Finding vanishing() {
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("first_to_last_weight_grad_ratio", 3.2e-6);
        evidence.put("first_weight_grad_l2", 1.7e-7);
        evidence.put("decades_per_layer", -0.62);
        evidence.put("weight_layers", 5.0);
        return new Finding(Finding.Kind.VANISHING, Finding.Severity.CRITICAL, List.of("0", "2", "4"), evidence,
                "sigmoid′(x) ≤ 0.25, so 4 sigmoid layers scale the gradient by at most 0.25^4 ≈ 0.0039.",
                List.of(new Remedy("use ReLU-family activations (ReLU, GELU, SiLU) with He init",
                                "their derivative is 1 on the active side"),
                        new Remedy("add normalization (BatchNorm or LayerNorm) after the linear layers",
                                "it keeps units out of the flat regions"),
                        new Remedy("add residual connections (x + F(x))", "the identity path carries the gradient past each block"),
                        new Remedy("a fourth remedy that the report leaves out", "only the top three are shown")));
    }

    static Finding saturation() {
        return new Finding(Finding.Kind.SATURATION, Finding.Severity.WARNING, List.of("5", "7"),
                Map.of("saturated_fraction_7", 0.62), "sigmoid units sit in the flat region for most inputs.",
                List.of(new Remedy("use Xavier init for sigmoid layers", "keeps pre-activations near 0")));
    }

    static Finding divergent() {
        return new Finding(Finding.Kind.NON_FINITE, Finding.Severity.CRITICAL, List.of(), Map.of("first_non_finite_step", 37.0),
                "the learning rate 1.0 is too high for the curvature.",
                List.of(new Remedy("lower the learning rate tenfold", "the loss grew by 10x within five steps")));
    }

    static VariantSummary complete(String name, String activation, List<Finding> findings, List<StepRecord> records) {
        StepRecord first = records.get(0);
        StepRecord last = records.get(records.size() - 1);
        return new VariantSummary(name, Map.of("model.activation", activation), "complete", null, last.step(), first.loss(),
                last.loss(), 1 - last.loss() / 3, first.parameters().get(0).gradL2(), last.parameters().get(0).gradL2(),
                first.layers().get(0).gradOutputRms(), last.layers().get(0).gradOutputRms(), -0.3, -0.2, findings, 12.5);
    }

    /**
     * A run with three complete variants (one with findings), one that failed at step 37 with NaN losses, and one
     * missing; {@code steps} records each.
     */
    static Path writeMixedRun(Path dir, int steps) throws IOException {
        Map<String, List<StepRecord>> records = new LinkedHashMap<>();
        records.put("sigmoid", records(steps, 5, "sigmoid", 0.25, 1, 0));
        records.put("tanh", records(steps, 5, "tanh", 0.7, 2, 0));
        records.put("relu", records(steps, 5, "relu", 1.0, 3, 0));
        records.put("relu-lr-1.0", records(Math.min(steps, 40), 5, "relu", 1.3, 4, 37));
        List<VariantSummary> variants = new ArrayList<>();
        variants.add(complete("sigmoid", "sigmoid", List.of(vanishing(), saturation()), records.get("sigmoid")));
        variants.add(complete("tanh", "tanh", List.of(), records.get("tanh")));
        variants.add(complete("relu", "relu", List.of(), records.get("relu")));
        variants.add(new VariantSummary("relu-lr-1.0", Map.of("optimizer.lr", "1.0"), "failed",
                "loss became NaN at step 37 (learning rate 1.0)", 40, 2.3, Double.NaN, Double.NaN, 0.05, Double.NaN,
                0.8, Double.NaN, 0.0, Double.NaN, List.of(divergent()), 1.5));
        variants.add(VariantSummary.missing("relu-deep", Map.of("model.depth", "20")));
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("gradflow_version", "0.1.0-SNAPSHOT");
        provenance.put("jdk", "25+36");
        provenance.put("os", "Linux amd64");
        provenance.put("kernel_provider", "SimdKernels");
        provenance.put("seed", "42");
        provenance.put("started", "2026-11-01T10:00:00Z");
        RunSummary summary = new RunSummary("activation-depth",
                "Which activations keep gradients alive in a 5-layer MLP on a toy classification task?", "incomplete", variants, provenance);
        write(dir, summary, records);
        Files.writeString(dir.resolve("spec.yaml"), SPEC);
        return dir;
    }

    static void write(Path dir, RunSummary summary, Map<String, List<StepRecord>> records) throws IOException {
        Files.createDirectories(dir);
        Json.mapper().writeValue(dir.resolve("summary.json").toFile(), summary);
        for (Map.Entry<String, List<StepRecord>> e : records.entrySet()) {
            Path variant = Files.createDirectories(dir.resolve("variants").resolve(e.getKey()));
            try (MetricsJsonl sink = new MetricsJsonl(variant.resolve("metrics.jsonl"), 100)) {
                e.getValue().forEach(sink);
            }
        }
    }
}
