package dev.gradflow.optim;

import java.util.Locale;
import java.util.Optional;

/**
 * One optional setting for {@link Optimizers#create}, named by PyTorch's keyword ({@link #key()}). Settings not
 * given keep the optimizer's PyTorch default; a setting the chosen optimizer does not have is an error.
 * Flags ({@code nesterov}, {@code amsgrad}, {@code centered}, {@code decoupled_weight_decay}) are present or absent.
 */
public sealed interface OptimizerOption {

    /** PyTorch's keyword, e.g. "weight_decay". */
    String key();

    /** momentum μ (sgd, rmsprop). */
    record Momentum(double value) implements OptimizerOption {
        public String key() { return "momentum"; }
    }

    /** dampening τ (sgd). */
    record Dampening(double value) implements OptimizerOption {
        public String key() { return "dampening"; }
    }

    /** nesterov=True (sgd). */
    record Nesterov() implements OptimizerOption {
        public String key() { return "nesterov"; }
    }

    /** weight_decay λ (every optimizer). */
    record WeightDecay(double value) implements OptimizerOption {
        public String key() { return "weight_decay"; }
    }

    /** betas (β₁, β₂) (adam, adamw, nadam, radam). */
    record Betas(double beta1, double beta2) implements OptimizerOption {
        public String key() { return "betas"; }
    }

    /** eps ε (every optimizer but sgd). */
    record Epsilon(double value) implements OptimizerOption {
        public String key() { return "eps"; }
    }

    /** amsgrad=True (adam, adamw). */
    record AmsGrad() implements OptimizerOption {
        public String key() { return "amsgrad"; }
    }

    /** alpha α (rmsprop). */
    record Alpha(double value) implements OptimizerOption {
        public String key() { return "alpha"; }
    }

    /** centered=True (rmsprop). */
    record Centered() implements OptimizerOption {
        public String key() { return "centered"; }
    }

    /** lr_decay η (adagrad). */
    record LearningRateDecay(double value) implements OptimizerOption {
        public String key() { return "lr_decay"; }
    }

    /** initial_accumulator_value s₀ (adagrad). */
    record InitialAccumulatorValue(double value) implements OptimizerOption {
        public String key() { return "initial_accumulator_value"; }
    }

    /** rho ρ (adadelta). */
    record Rho(double value) implements OptimizerOption {
        public String key() { return "rho"; }
    }

    /** momentum_decay ψ (nadam). */
    record MomentumDecay(double value) implements OptimizerOption {
        public String key() { return "momentum_decay"; }
    }

    /** decoupled_weight_decay=True (nadam, radam; adamw always decouples). */
    record DecoupledWeightDecay() implements OptimizerOption {
        public String key() { return "decoupled_weight_decay"; }
    }

    /**
     * Reads an option from PyTorch's keyword and a text value, for command lines and spec files: numbers as
     * Java reads doubles, betas as two numbers separated by a comma (brackets allowed: "[0.9, 0.999]"), flags as
     * "true" or "false". A flag set to false is the default, so it yields no option.
     *
     * @throws IllegalArgumentException for an unknown keyword or a value that does not parse
     */
    static Optional<OptimizerOption> parse(String key, String value) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "momentum" -> Optional.of(new Momentum(number(k, value)));
            case "dampening" -> Optional.of(new Dampening(number(k, value)));
            case "weight_decay" -> Optional.of(new WeightDecay(number(k, value)));
            case "eps" -> Optional.of(new Epsilon(number(k, value)));
            case "alpha" -> Optional.of(new Alpha(number(k, value)));
            case "lr_decay" -> Optional.of(new LearningRateDecay(number(k, value)));
            case "initial_accumulator_value" -> Optional.of(new InitialAccumulatorValue(number(k, value)));
            case "rho" -> Optional.of(new Rho(number(k, value)));
            case "momentum_decay" -> Optional.of(new MomentumDecay(number(k, value)));
            case "betas" -> {
                String[] parts = value.trim().replace("[", "").replace("]", "").replace("(", "").replace(")", "").split(",");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("optimizer option betas needs two numbers like \"0.9,0.999\", got \"" + value + "\"");
                }
                yield Optional.of(new Betas(number(k, parts[0]), number(k, parts[1])));
            }
            case "nesterov" -> flag(k, value) ? Optional.of(new Nesterov()) : Optional.empty();
            case "amsgrad" -> flag(k, value) ? Optional.of(new AmsGrad()) : Optional.empty();
            case "centered" -> flag(k, value) ? Optional.of(new Centered()) : Optional.empty();
            case "decoupled_weight_decay" -> flag(k, value) ? Optional.of(new DecoupledWeightDecay()) : Optional.empty();
            default -> throw new IllegalArgumentException("unknown optimizer option '" + key + "'; known options: momentum, "
                    + "dampening, nesterov, weight_decay, betas, eps, amsgrad, alpha, centered, lr_decay, "
                    + "initial_accumulator_value, rho, momentum_decay, decoupled_weight_decay");
        };
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("optimizer option " + key + " needs a number, got \"" + value + "\"", e);
        }
    }

    private static boolean flag(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw new IllegalArgumentException("optimizer option " + key + " needs true or false, got \"" + value + "\"");
    }
}
