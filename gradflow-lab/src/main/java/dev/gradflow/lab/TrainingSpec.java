package dev.gradflow.lab;

import dev.gradflow.data.Task;
import dev.gradflow.optim.Optimizer;
import dev.gradflow.optim.OptimizerOption;
import dev.gradflow.optim.Optimizers;
import dev.gradflow.regularize.L1Penalty;
import dev.gradflow.regularize.L2Penalty;
import dev.gradflow.regularize.Penalty;
import dev.gradflow.spec.YamlNode;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.train.Batching;
import dev.gradflow.train.Budget;
import dev.gradflow.train.EarlyStopping;
import dev.gradflow.train.GlobalNormClipping;
import dev.gradflow.train.TrainingConfig;
import dev.gradflow.train.ValidationSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code training} section of an experiment:
 * <pre>
 * training:
 *   optimizer: sgd                 # a name (Optimizers.NAMES), or {adam: {betas: [0.9, 0.999], weight_decay: 0}}
 *   lr: 0.01
 *   schedule: {kind: cosine}       # optional, see ScheduleSpec
 *   steps: 1000                    # or epochs: 10 (not both)
 *   batch_size: full               # or a number of rows per mini-batch
 *   validation: 0                  # fraction of the training data held out
 *   clip_norm: 1.0                 # optional: clip the global gradient norm (torch.nn.utils.clip_grad_norm_); none = off
 *   l1: 0                          # penalty λ·Σ|w| on the weights (biases excluded)
 *   l2: 0                          # penalty λ·Σw² on the weights; both together: the elastic net
 *   early_stopping: {patience: 5, min_delta: 0}   # on the validation loss; needs validation > 0
 *   evaluation_interval: 100       # evaluate train (and validation) every this many steps, and after the last
 *   lr_find: {start: 1e-7, end: 10, steps: 100, use: valley}   # optional range test first, see LearningRateFindSpec
 * </pre>
 * Optimizer options are PyTorch's keywords ({@link OptimizerOption#parse}); PyTorch's defaults apply to the rest.
 *
 * @param optimizer          the optimizer's name
 * @param optimizerOptions   its options
 * @param learningRate       the (base) learning rate
 * @param schedule           the schedule, or null for a constant rate
 * @param budget             steps or epochs
 * @param batchSize          rows per mini-batch, or 0 for the full batch
 * @param validation         held-out fraction of the training data
 * @param clipNorm           maximum global gradient norm, or +∞ for no clipping
 * @param l1                 L1 penalty strength (0 for none)
 * @param l2                 L2 penalty strength (0 for none)
 * @param earlyStopping      early stopping on the validation loss
 * @param evaluationInterval steps between evaluations
 * @param lrFind             a learning-rate range test to run first, or null
 */
public record TrainingSpec(String optimizer, List<OptimizerOption> optimizerOptions, double learningRate,
                           ScheduleSpec schedule, Budget budget, int batchSize, double validation, double clipNorm,
                           double l1, double l2, EarlyStopping earlyStopping, int evaluationInterval,
                           LearningRateFindSpec lrFind) {
    static final String DEFAULT_OPTIMIZER = "sgd";
    static final double DEFAULT_LEARNING_RATE = 0.01;
    private static final Set<String> KEYS = Set.of("optimizer", "lr", "schedule", "steps", "epochs", "batch_size", "validation",
            "clip_norm", "l1", "l2", "early_stopping", "evaluation_interval", "lr_find");

    public TrainingSpec {
        optimizerOptions = List.copyOf(optimizerOptions);
    }

    /** Reads the section; an absent section means every default. */
    static TrainingSpec parse(YamlNode node) {
        Section s = Section.of(node, KEYS);
        String optimizer = DEFAULT_OPTIMIZER;
        List<OptimizerOption> options = new ArrayList<>();
        if (s.has("optimizer")) {
            YamlNode o = s.at("optimizer");
            if (o.isScalar()) {
                optimizer = o.asString().trim();
            } else {
                Map<String, YamlNode> e = o.entries();
                if (e.size() != 1) throw o.error("an optimizer is a name (adam) or a one-key mapping to its options ({adam: {weight_decay: 0.01}})");
                optimizer = e.keySet().iterator().next();
                for (Map.Entry<String, YamlNode> option : e.get(optimizer).entries().entrySet()) {
                    try {
                        OptimizerOption.parse(option.getKey(), optionText(option.getValue())).ifPresent(options::add);
                    } catch (IllegalArgumentException ex) {
                        throw option.getValue().error(ex.getMessage());
                    }
                }
            }
        }
        double lr = s.positive("lr", DEFAULT_LEARNING_RATE);
        try {
            Optimizers.create(optimizer, List.of(Tensor.zeros(1).requiresGrad(true)), lr, options.toArray(OptimizerOption[]::new));
        } catch (IllegalArgumentException e) {
            throw s.error("optimizer", e.getMessage());
        }
        if (s.has("steps") && s.has("epochs")) throw s.error("epochs", "give steps or epochs, not both");
        Budget budget = s.has("epochs") ? Budget.epochs(s.positiveInt("epochs", 1))
                : Budget.steps(s.positiveInt("steps", Math.toIntExact(TrainingConfig.DEFAULTS.budget().count())));
        int batchSize = 0;
        if (s.has("batch_size") && !s.at("batch_size").asString().equals("full")) batchSize = s.at("batch_size").asPositiveInt();
        double validation = s.nonNegative("validation", 0);
        if (validation >= 1) throw s.error("validation", "must be in [0, 1), got " + validation);
        double clip = !s.has("clip_norm") || s.at("clip_norm").asString().equals("none") ? Double.POSITIVE_INFINITY : s.positive("clip_norm", 1);
        double l1 = s.nonNegative("l1", 0);
        double l2 = s.nonNegative("l2", 0);
        EarlyStopping early = EarlyStopping.OFF;
        if (s.has("early_stopping")) {
            Section e = Section.of(s.at("early_stopping"), Set.of("patience", "min_delta"));
            early = new EarlyStopping(e.positiveInt("patience", 1), e.nonNegative("min_delta", 0));
            if (validation == 0) throw s.error("early_stopping", "early stopping watches the validation loss: set validation to a fraction > 0");
        }
        int interval = s.positiveInt("evaluation_interval", TrainingConfig.DEFAULTS.evaluationInterval());
        ScheduleSpec schedule = s.has("schedule") ? ScheduleSpec.parse(s.at("schedule")) : null;
        LearningRateFindSpec find = s.has("lr_find") ? LearningRateFindSpec.parse(s.at("lr_find")) : null;
        return new TrainingSpec(optimizer, options, lr, schedule, budget, batchSize, validation, clip, l1, l2, early, interval, find);
    }

    /** Scalars as written; a list as its items joined by commas (betas: [0.9, 0.999] → "0.9,0.999"). */
    private static String optionText(YamlNode value) {
        if (!value.isList()) return value.asString();
        List<String> items = new ArrayList<>();
        for (YamlNode item : value.elements()) items.add(item.asString());
        return String.join(",", items);
    }

    /** This spec with a budget of {@code steps} optimizer steps (for quick runs). */
    public TrainingSpec withSteps(long steps) {
        return new TrainingSpec(optimizer, optimizerOptions, learningRate, schedule, Budget.steps(steps), batchSize, validation,
                clipNorm, l1, l2, earlyStopping, evaluationInterval, lrFind);
    }

    /** The optimizer over {@code parameters} at learning rate {@code rate}. */
    public Optimizer optimizer(List<Tensor> parameters, double rate) {
        return Optimizers.create(optimizer, parameters, rate, optimizerOptions.toArray(OptimizerOption[]::new));
    }

    /** The penalties, in the order L1 then L2: none, one, or both (the elastic net, λ₁·Σ|w| + λ₂·Σw²). */
    public List<Penalty> penalties() {
        List<Penalty> out = new ArrayList<>(2);
        if (l1 > 0) out.add(L1Penalty.of(l1));
        if (l2 > 0) out.add(L2Penalty.of(l2));
        return List.copyOf(out);
    }

    /** The trainer's configuration; mini-batch order and validation split are drawn from {@code seed}. */
    public TrainingConfig config(Task task, long seed) {
        return TrainingConfig.DEFAULTS
                .withBatching(batchSize == 0 ? Batching.fullBatch() : Batching.miniBatch(batchSize, seed))
                .withBudget(budget)
                .withValidation(validation == 0 ? ValidationSplit.NONE : new ValidationSplit(validation, seed))
                .withEarlyStopping(earlyStopping)
                .withTask(task)
                .withClipping(Double.isInfinite(clipNorm) ? GlobalNormClipping.OFF : new GlobalNormClipping(clipNorm))
                .withEvaluationInterval(evaluationInterval);
    }
}
