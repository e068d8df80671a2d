package dev.gradflow.analysis;

import dev.gradflow.data.Dataset;
import dev.gradflow.diagnostics.DetectorThresholds;
import dev.gradflow.diagnostics.DiagnosticContext;
import dev.gradflow.diagnostics.Diagnosis;
import dev.gradflow.diagnostics.InitializationAnalysis;
import dev.gradflow.diagnostics.LayerStats;
import dev.gradflow.diagnostics.ModelAnatomy;
import dev.gradflow.diagnostics.ParameterStats;
import dev.gradflow.diagnostics.ProbeConfig;
import dev.gradflow.diagnostics.StepRecord;
import dev.gradflow.nn.Mode;
import dev.gradflow.nn.Module;
import dev.gradflow.spec.ModelFactory;
import dev.gradflow.spec.ModelSpec;
import dev.gradflow.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The pre-flight check behind {@code gradflow diagnose}: builds the spec's model for each seed (or takes given
 * weights), runs forward and backward on random batches (or on a given data batch), averages the probe statistics,
 * computes the input-output Jacobian spectrum and runs the detectors.
 *
 * <p>Random batches: inputs N(0, 1) of the spec's input shape; targets uniform class labels for cross_entropy,
 * Bernoulli(½) for bce_with_logits, N(0, 1) otherwise. Seeds: the model of seed s is built from
 * {@code new SplittableRandom(seed + s)}, batches from {@code seed + 1000·s + b}.
 */
public final class Preflight {
    /** Exact Jacobians above this many entries (d_in·d_out per example) are skipped. */
    static final long MAX_JACOBIAN_ENTRIES = 1_000_000;
    private static final int JACOBIAN_EXAMPLES = 4;

    private Preflight() {}

    /**
     * @param spec      the model
     * @param weights   loads weights into a freshly built model (null: fresh initialization per seed)
     * @param data      one batch of real data (null: random batches)
     * @param batches   random batches per seed
     * @param seeds     initializations
     * @param batchSize rows per random batch
     * @param seed      the base seed
     */
    public record Options(ModelSpec spec, Consumer<Module> weights, Dataset data, int batches, int seeds, int batchSize, long seed) {
        public Options {
            if (batches < 1 || seeds < 1 || batchSize < 1) {
                throw new IllegalArgumentException("diagnose: batches, seeds and batch size must be >= 1, got " + batches + ", " + seeds + ", " + batchSize);
            }
        }
    }

    public static DiagnoseReport run(Options o) {
        boolean fixedWeights = o.weights() != null;
        int outSize = 1;
        for (int d : ModelFactory.build(o.spec(), new SplittableRandom(0)).outputShape()) outSize *= d;
        final int outputs = outSize;
        int seeds = fixedWeights ? 1 : o.seeds();
        int batches = o.data() != null ? 1 : o.batches();
        InitializationAnalysis.Result r = InitializationAnalysis.run(
                s -> {
                    Module m = ModelFactory.build(o.spec(), new SplittableRandom(o.seed() + s)).model();
                    if (fixedWeights) o.weights().accept(m);
                    return m;
                },
                ModelFactory.loss(o.spec().loss()),
                (s, b) -> o.data() != null ? new InitializationAnalysis.Batch(o.data().features(), o.data().targets())
                        : randomBatch(o.spec(), outputs, o.batchSize(), new SplittableRandom(o.seed() + 1000L * s + b)),
                batches, seeds, ProbeConfig.defaults());
        Module first = r.firstModel();
        StepRecord avg = r.averaged();
        List<DiagnoseReport.Parameter> params = new ArrayList<>();
        Map<String, Tensor> named = first.namedParameters();
        for (ParameterStats p : avg.parameters()) params.add(new DiagnoseReport.Parameter(p.name(), named.get(p.name()).dims(), p.gradL2()));
        List<DiagnoseReport.Layer> layers = new ArrayList<>();
        for (LayerStats l : avg.layers()) {
            if (l.name().contains(".")) continue;
            layers.add(new DiagnoseReport.Layer(Integer.parseInt(l.name()), l.kind(), l.activationMean(), l.activationStd(),
                    l.saturatedFraction(), l.deadFraction(), l.gradOutputRms()));
        }
        Tensor examples = o.data() != null ? o.data().features() : randomBatch(o.spec(), outputs, JACOBIAN_EXAMPLES, new SplittableRandom(o.seed() + 7)).inputs();
        var findings = Diagnosis.findings(new DiagnosticContext(ModelAnatomy.of(first), List.of(avg), DetectorThresholds.defaults()));
        return new DiagnoseReport(avg.loss(), params, layers, spectrum(first, examples, outputs), findings, r.runs());
    }

    private static DiagnoseReport.Spectrum spectrum(Module model, Tensor examples, long outSize) {
        long inSize = examples.size() / Math.max(1, examples.dim(0));
        if (inSize * outSize > MAX_JACOBIAN_ENTRIES) return null;
        int k = Math.min(JACOBIAN_EXAMPLES, examples.dim(0));
        model.setMode(Mode.EVALUATION);
        try {
            JacobianSpectrum s = JacobianSpectrum.of(model, examples.detach().rows(0, k));
            return new DiagnoseReport.Spectrum(s.singularValues(), s.meanSquared(), s.max(), s.min(), s.conditionNumber());
        } finally {
            model.setMode(Mode.TRAINING);
        }
    }

    /** N(0, 1) inputs and loss-appropriate random targets for the spec. */
    static InitializationAnalysis.Batch randomBatch(ModelSpec spec, int outSize, int rows, RandomGenerator random) {
        int[] in = new int[spec.input().size() + 1];
        in[0] = rows;
        for (int i = 0; i < spec.input().size(); i++) in[i + 1] = spec.input().get(i);
        Tensor x = Tensor.randn(random, in);
        Tensor y = switch (spec.loss().name()) {
            case "cross_entropy" -> {
                float[] labels = new float[rows];
                for (int i = 0; i < rows; i++) labels[i] = random.nextInt(outSize);
                yield Tensor.of(labels, rows);
            }
            case "bce_with_logits" -> {
                float[] t = new float[rows * outSize];
                for (int i = 0; i < t.length; i++) t[i] = random.nextBoolean() ? 1f : 0f;
                yield Tensor.of(t, rows, outSize);
            }
            default -> Tensor.randn(random, rows, outSize);
        };
        return new InitializationAnalysis.Batch(x, y);
    }
}
