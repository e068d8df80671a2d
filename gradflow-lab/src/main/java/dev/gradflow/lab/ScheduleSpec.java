package dev.gradflow.lab;

import dev.gradflow.optim.schedule.CosineAnnealing;
import dev.gradflow.optim.schedule.ExponentialDecay;
import dev.gradflow.optim.schedule.LearningRateSchedule;
import dev.gradflow.optim.schedule.LinearWarmup;
import dev.gradflow.optim.schedule.StepDecay;
import dev.gradflow.optim.schedule.WarmupThen;
import dev.gradflow.spec.YamlNode;
import java.util.Set;

/**
 * A learning-rate schedule as {@code training.schedule} writes it (one flat mapping, so a variant can override one
 * setting):
 * <pre>
 * schedule: {kind: cosine, t_max: 1000, eta_min: 0}      # CosineAnnealingLR; t_max defaults to the step budget
 * schedule: {kind: step, step_size: 100, gamma: 0.5}     # StepLR
 * schedule: {kind: exponential, gamma: 0.99}             # ExponentialLR
 * schedule: {kind: constant, warmup: 50}                 # plus LinearLR warm-up from warmup_start × lr over 50 steps
 * </pre>
 * {@code per: step} (default) counts optimizer steps, {@code per: epoch} epochs. {@code warmup} (default 0) goes
 * with any kind: {@code warmup_start} (default 0.1) of the rate rising linearly to the full rate, then the kind.
 *
 * @param kind        constant, step, exponential or cosine
 * @param stepSize    StepLR's period
 * @param gamma       StepLR's and ExponentialLR's factor
 * @param tMax        CosineAnnealingLR's half period (0: the step or epoch budget)
 * @param etaMin      CosineAnnealingLR's lowest rate
 * @param warmup      warm-up length in the counted unit (0 for none)
 * @param warmupStart the warm-up's starting fraction of the rate
 * @param perEpoch    whether the schedule counts epochs rather than steps
 */
public record ScheduleSpec(String kind, int stepSize, double gamma, int tMax, double etaMin, int warmup,
                           double warmupStart, boolean perEpoch) {
    static final double DEFAULT_GAMMA = 0.1;
    static final double DEFAULT_WARMUP_START = 0.1;
    private static final Set<String> KEYS = Set.of("kind", "step_size", "gamma", "t_max", "eta_min", "warmup", "warmup_start", "per");

    static ScheduleSpec parse(YamlNode node) {
        Section s = Section.of(node, KEYS);
        String kind = s.choice("kind", null, Set.of("constant", "step", "exponential", "cosine"));
        if (kind == null) throw node.error("missing key 'kind' (constant, step, exponential or cosine)");
        if (kind.equals("step") && !s.has("step_size")) throw node.error("a step schedule needs step_size");
        if (kind.equals("exponential") && !s.has("gamma")) throw node.error("an exponential schedule needs gamma");
        int warmup = s.has("warmup") ? nonNegativeInt(s, "warmup") : 0;
        double warmupStart = s.positive("warmup_start", DEFAULT_WARMUP_START);
        if (warmupStart > 1) throw s.error("warmup_start", "must be in (0, 1], got " + warmupStart);
        return new ScheduleSpec(kind, s.positiveInt("step_size", 1), s.positive("gamma", DEFAULT_GAMMA),
                s.has("t_max") ? s.positiveInt("t_max", 1) : 0, s.nonNegative("eta_min", 0), warmup, warmupStart,
                s.choice("per", "step", Set.of("step", "epoch")).equals("epoch"));
    }

    private static int nonNegativeInt(Section s, String key) {
        int v = s.at(key).asInt();
        if (v < 0) throw s.error(key, "must be >= 0, got " + v);
        return v;
    }

    /** The schedule, with {@code budget} (steps or epochs, as counted) standing in for an absent t_max. */
    public LearningRateSchedule schedule(long budget) {
        LearningRateSchedule main = switch (kind) {
            case "step" -> new StepDecay(stepSize, gamma);
            case "exponential" -> new ExponentialDecay(gamma);
            case "cosine" -> new CosineAnnealing(tMax > 0 ? tMax : Math.toIntExact(Math.max(1, budget - warmup)), etaMin);
            default -> LearningRateSchedule.constant();
        };
        return warmup == 0 ? main : new WarmupThen(LinearWarmup.of(warmupStart, warmup), main, warmup);
    }
}
