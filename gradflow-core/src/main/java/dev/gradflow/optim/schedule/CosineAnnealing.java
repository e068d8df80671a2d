package dev.gradflow.optim.schedule;

/**
 * Cosine annealing from η₀ down to η_min over T_max steps, as the closed form of
 * {@code torch.optim.lr_scheduler.CosineAnnealingLR} (Loshchilov and Hutter 2017, without restarts):
 * <pre>  η_t = η_min + (η₀ − η_min)·(1 + cos(π·t / T_max)) / 2</pre>
 * Past T_max the cosine keeps going, so the rate climbs back to η₀ at 2·T_max and repeats with period 2·T_max —
 * what PyTorch's scheduler does when stepped beyond T_max.
 *
 * @param tMax half period T_max, ≥ 1
 * @param etaMin the lowest rate η_min, finite and ≥ 0
 */
public record CosineAnnealing(int tMax, double etaMin) implements LearningRateSchedule {

    public CosineAnnealing {
        if (tMax < 1) throw new IllegalArgumentException("cosine schedule: T_max must be >= 1, got " + tMax);
        if (!(etaMin >= 0) || Double.isInfinite(etaMin)) {
            throw new IllegalArgumentException("cosine schedule: eta_min must be finite and >= 0, got " + etaMin);
        }
    }

    @Override
    public double learningRate(double baseLearningRate, long step) {
        LearningRateSchedule.requireValidStep(step);
        return etaMin + (baseLearningRate - etaMin) * (1 + Math.cos(Math.PI * step / tMax)) / 2;
    }
}
