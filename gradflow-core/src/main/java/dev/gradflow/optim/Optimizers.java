package dev.gradflow.optim;

import dev.gradflow.optim.OptimizerOption.AmsGrad;
import dev.gradflow.optim.OptimizerOption.Alpha;
import dev.gradflow.optim.OptimizerOption.Betas;
import dev.gradflow.optim.OptimizerOption.Centered;
import dev.gradflow.optim.OptimizerOption.Dampening;
import dev.gradflow.optim.OptimizerOption.DecoupledWeightDecay;
import dev.gradflow.optim.OptimizerOption.Epsilon;
import dev.gradflow.optim.OptimizerOption.InitialAccumulatorValue;
import dev.gradflow.optim.OptimizerOption.LearningRateDecay;
import dev.gradflow.optim.OptimizerOption.Momentum;
import dev.gradflow.optim.OptimizerOption.MomentumDecay;
import dev.gradflow.optim.OptimizerOption.Nesterov;
import dev.gradflow.optim.OptimizerOption.Rho;
import dev.gradflow.optim.OptimizerOption.WeightDecay;
import dev.gradflow.tensor.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds an optimizer from its name, for command lines and spec files:
 * {@code Optimizers.create("sgd", model.parameters(), 0.1, new Momentum(0.9), new Nesterov())}. Each optimizer
 * starts from its configuration's {@code defaults()} (PyTorch's), then takes the options given.
 */
public final class Optimizers {
    /** The names {@link #create} knows, lower case. */
    public static final List<String> NAMES = List.of("sgd", "adam", "adamw", "rmsprop", "adagrad", "adadelta", "nadam", "radam");

    private Optimizers() {}

    /**
     * The optimizer called {@code name} (case-insensitive; see {@link #NAMES}) over {@code parameters}.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones), an option the
     *     optimizer does not have, an option given twice, or a value its configuration rejects
     */
    public static Optimizer create(String name, List<Tensor> parameters, double learningRate, OptimizerOption... options) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        Set<String> seen = new HashSet<>();
        for (OptimizerOption option : options) {
            if (!seen.add(option.key())) throw new IllegalArgumentException(n + ": option " + option.key() + " given twice");
        }
        return switch (n) {
            case "sgd" -> sgd(parameters, learningRate, options);
            case "adam" -> adam(parameters, learningRate, options);
            case "adamw" -> adamW(parameters, learningRate, options);
            case "rmsprop" -> rmsProp(parameters, learningRate, options);
            case "adagrad" -> adagrad(parameters, learningRate, options);
            case "adadelta" -> adadelta(parameters, learningRate, options);
            case "nadam" -> nAdam(parameters, learningRate, options);
            case "radam" -> rAdam(parameters, learningRate, options);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; known optimizers: " + String.join(", ", NAMES));
        };
    }

    private static IllegalArgumentException notApplicable(String optimizer, OptimizerOption option, String accepted) {
        return new IllegalArgumentException(optimizer + " has no option " + option.key() + "; it accepts " + accepted);
    }

    private static Sgd sgd(List<Tensor> parameters, double learningRate, OptimizerOption[] options) {
        SgdConfig d = SgdConfig.defaults();
        double momentum = d.momentum();
        double dampening = d.dampening();
        double weightDecay = d.weightDecay();
        SgdConfig.MomentumVariant variant = d.variant();
        for (OptimizerOption option : options) {
            switch (option) {
                case Momentum o -> momentum = o.value();
                case Dampening o -> dampening = o.value();
                case WeightDecay o -> weightDecay = o.value();
                case Nesterov _ -> variant = SgdConfig.MomentumVariant.NESTEROV;
                default -> throw notApplicable("sgd", option, "momentum, dampening, nesterov, weight_decay");
            }
        }
        return new Sgd(parameters, new SgdConfig(learningRate, momentum, dampening, weightDecay, variant));
    }

    private static Adam adam(List<Tensor> parameters, double learningRate, OptimizerOption[] options) {
        AdamConfig c = AdamConfig.defaults().withLearningRate(learningRate);
        for (OptimizerOption option : options) {
            c = switch (option) {
                case Betas o -> c.withBetas(o.beta1(), o.beta2());
                case Epsilon o -> c.withEpsilon(o.value());
                case WeightDecay o -> c.withWeightDecay(o.value());
                case AmsGrad _ -> c.withVariant(AdamVariant.AMSGRAD);
                case DecoupledWeightDecay _ -> c.withWeightDecayStyle(WeightDecayStyle.DECOUPLED);
                default -> throw notApplicable("adam", option, "betas, eps, weight_decay, amsgrad, decoupled_weight_decay");
            };
        }
        return new Adam(parameters, c);
    }

    private static AdamW adamW(List<Tensor> parameters, double learningRate, OptimizerOption[] options) {
        AdamWConfig c = AdamWConfig.defaults().withLearningRate(learningRate);
        for (OptimizerOption option : options) {
            c = switch (option) {
                case Betas o -> c.withBetas(o.beta1(), o.beta2());
                case Epsilon o -> c.withEpsilon(o.value());
                case WeightDecay o -> c.withWeightDecay(o.value());
                case AmsGrad _ -> c.withVariant(AdamVariant.AMSGRAD);
                default -> throw notApplicable("adamw", option, "betas, eps, weight_decay, amsgrad");
            };
        }
        return new AdamW(parameters, c);
    }

    private static RmsProp rmsProp(List<Tensor> parameters, double learningRate, OptimizerOption[] options) {
        RmsPropConfig c = RmsPropConfig.defaults().withLearningRate(learningRate);
        for (OptimizerOption option : options) {
            c = switch (option) {
                case Alpha o -> c.withAlpha(o.value());
                case Epsilon o -> c.withEpsilon(o.value());
                case WeightDecay o -> c.withWeightDecay(o.value());
                case Momentum o -> c.withMomentum(o.value());
                case Centered _ -> c.withCentering(RmsPropConfig.Centering.CENTERED);
                default -> throw notApplicable("rmsprop", option, "alpha, eps, weight_decay, momentum, centered");
            };
        }
        return new RmsProp(parameters, c);
    }

    private static Adagrad adagrad(List<Tensor> parameters, double learningRate, OptimizerOption[] options) {
        AdagradConfig c = AdagradConfig.defaults().withLearningRate(learningRate);
        for (OptimizerOption option : options) {
            c = switch (option) {
                case LearningRateDecay o -> c.withLearningRateDecay(o.value());
                case WeightDecay o -> c.withWeightDecay(o.value());
                case InitialAccumulatorValue o -> c.withInitialAccumulatorValue(o.value());
                case Epsilon o -> c.withEpsilon(o.value());
                default -> throw notApplicable("adagrad", option, "lr_decay, weight_decay, initial_accumulator_value, eps");
            };
        }
        return new Adagrad(parameters, c);
    }

    private static Adadelta adadelta(List<Tensor> parameters, double learningRate, OptimizerOption[] options) {
        AdadeltaConfig c = AdadeltaConfig.defaults().withLearningRate(learningRate);
        for (OptimizerOption option : options) {
            c = switch (option) {
                case Rho o -> c.withRho(o.value());
                case Epsilon o -> c.withEpsilon(o.value());
                case WeightDecay o -> c.withWeightDecay(o.value());
                default -> throw notApplicable("adadelta", option, "rho, eps, weight_decay");
            };
        }
        return new Adadelta(parameters, c);
    }

    private static NAdam nAdam(List<Tensor> parameters, double learningRate, OptimizerOption[] options) {
        NAdamConfig c = NAdamConfig.defaults().withLearningRate(learningRate);
        for (OptimizerOption option : options) {
            c = switch (option) {
                case Betas o -> c.withBetas(o.beta1(), o.beta2());
                case Epsilon o -> c.withEpsilon(o.value());
                case WeightDecay o -> c.withWeightDecay(o.value());
                case MomentumDecay o -> c.withMomentumDecay(o.value());
                case DecoupledWeightDecay _ -> c.withWeightDecayStyle(WeightDecayStyle.DECOUPLED);
                default -> throw notApplicable("nadam", option, "betas, eps, weight_decay, momentum_decay, decoupled_weight_decay");
            };
        }
        return new NAdam(parameters, c);
    }

    private static RAdam rAdam(List<Tensor> parameters, double learningRate, OptimizerOption[] options) {
        RAdamConfig c = RAdamConfig.defaults().withLearningRate(learningRate);
        for (OptimizerOption option : options) {
            c = switch (option) {
                case Betas o -> c.withBetas(o.beta1(), o.beta2());
                case Epsilon o -> c.withEpsilon(o.value());
                case WeightDecay o -> c.withWeightDecay(o.value());
                case DecoupledWeightDecay _ -> c.withWeightDecayStyle(WeightDecayStyle.DECOUPLED);
                default -> throw notApplicable("radam", option, "betas, eps, weight_decay, decoupled_weight_decay");
            };
        }
        return new RAdam(parameters, c);
    }
}
