package dev.gradflow.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.optim.OptimizerOption.AmsGrad;
import dev.gradflow.optim.OptimizerOption.Betas;
import dev.gradflow.optim.OptimizerOption.Momentum;
import dev.gradflow.optim.OptimizerOption.Nesterov;
import dev.gradflow.optim.OptimizerOption.WeightDecay;
import dev.gradflow.tensor.Tensor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Defaults equal PyTorch's, bad settings are rejected with messages that name them, and the factory. */
class OptimizerConfigTest {

    private static List<Tensor> params() {
        return List.of(Tensor.vector(1f, 2f).requiresGrad(true));
    }

    private static void rejects(Executable construction, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        for (String fragment : fragments) assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void defaultsArePyTorchs() {
        assertEquals(new SgdConfig(1e-3, 0, 0, 0, SgdConfig.MomentumVariant.CLASSICAL), SgdConfig.defaults());
        assertEquals(new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0, WeightDecayStyle.COUPLED_L2, AdamVariant.ADAM), AdamConfig.defaults());
        assertEquals(new AdamWConfig(1e-3, 0.9, 0.999, 1e-8, 1e-2, AdamVariant.ADAM), AdamWConfig.defaults());
        assertEquals(new RmsPropConfig(1e-2, 0.99, 1e-8, 0, 0, RmsPropConfig.Centering.UNCENTERED), RmsPropConfig.defaults());
        assertEquals(new AdagradConfig(1e-2, 0, 0, 0, 1e-10), AdagradConfig.defaults());
        assertEquals(new AdadeltaConfig(1.0, 0.9, 1e-6, 0), AdadeltaConfig.defaults());
        assertEquals(new NAdamConfig(2e-3, 0.9, 0.999, 1e-8, 0, 4e-3, WeightDecayStyle.COUPLED_L2), NAdamConfig.defaults());
        assertEquals(new RAdamConfig(1e-3, 0.9, 0.999, 1e-8, 0, WeightDecayStyle.COUPLED_L2), RAdamConfig.defaults());
    }

    @Test
    void nesterovNeedsMomentumAndNoDampening() {
        rejects(() -> SgdConfig.defaults().withVariant(SgdConfig.MomentumVariant.NESTEROV), "Nesterov", "momentum");
        rejects(() -> new SgdConfig(0.1, 0.9, 0.1, 0, SgdConfig.MomentumVariant.NESTEROV), "dampening");
        new SgdConfig(0.1, 0.9, 0, 0, SgdConfig.MomentumVariant.NESTEROV);
    }

    @Test
    void outOfRangeSettingsAreRejected() {
        rejects(() -> SgdConfig.defaults().withLearningRate(-0.1), "sgd", "lr");
        rejects(() -> SgdConfig.defaults().withMomentum(-0.5), "sgd", "momentum");
        rejects(() -> SgdConfig.defaults().withWeightDecay(Double.NaN), "sgd", "weight_decay");
        rejects(() -> AdamConfig.defaults().withBetas(1.0, 0.999), "adam", "beta1");
        rejects(() -> AdamConfig.defaults().withBetas(0.9, -0.1), "adam", "beta2");
        rejects(() -> AdamConfig.defaults().withEpsilon(-1e-8), "adam", "eps");
        rejects(() -> AdamWConfig.defaults().withWeightDecay(-1), "adamw", "weight_decay");
        rejects(() -> RmsPropConfig.defaults().withAlpha(-0.1), "rmsprop", "alpha");
        rejects(() -> RmsPropConfig.defaults().withMomentum(Double.POSITIVE_INFINITY), "rmsprop", "momentum");
        rejects(() -> AdagradConfig.defaults().withLearningRateDecay(-1), "adagrad", "lr_decay");
        rejects(() -> AdagradConfig.defaults().withInitialAccumulatorValue(-1), "adagrad", "initial_accumulator_value");
        rejects(() -> AdadeltaConfig.defaults().withRho(1.5), "adadelta", "rho");
        rejects(() -> NAdamConfig.defaults().withMomentumDecay(-1), "nadam", "momentum_decay");
        rejects(() -> RAdamConfig.defaults().withBetas(0.9, 1.0), "radam", "beta2");
        rejects(() -> AdamConfig.defaults().withVariant(null), "adam", "variant");
    }

    @Test
    void parameterListsAreChecked() {
        rejects(() -> new Sgd(List.of(), SgdConfig.defaults()), "sgd", "empty");
        Tensor p = Tensor.vector(1f).requiresGrad(true);
        rejects(() -> new Adam(List.of(p, p), AdamConfig.defaults()), "adam", "same tensor");
        rejects(() -> new Adam(List.of(p.mul(2f)), AdamConfig.defaults()), "adam", "leaf");
        Sgd sgd = new Sgd(params(), SgdConfig.defaults());
        rejects(() -> sgd.setLearningRate(-1), "sgd", "learning rate");
    }

    @Test
    void factoryBuildsEachOptimizerByName() {
        for (String name : Optimizers.NAMES) {
            Optimizer optimizer = Optimizers.create(name, params(), 0.05);
            assertEquals(name, optimizer.name());
            assertEquals(0.05, optimizer.learningRate());
        }
        assertEquals("rmsprop", Optimizers.create("RMSprop", params(), 0.01).name());
        Sgd sgd = assertInstanceOf(Sgd.class, Optimizers.create("sgd", params(), 0.1, new Nesterov(), new Momentum(0.9), new WeightDecay(1e-4)));
        assertEquals(new SgdConfig(0.1, 0.9, 0, 1e-4, SgdConfig.MomentumVariant.NESTEROV), sgd.config());
        Adam adam = assertInstanceOf(Adam.class, Optimizers.create("adam", params(), 0.01, new Betas(0.8, 0.9), new AmsGrad()));
        assertEquals(AdamConfig.defaults().withLearningRate(0.01).withBetas(0.8, 0.9).withVariant(AdamVariant.AMSGRAD), adam.config());
        AdamW adamW = assertInstanceOf(AdamW.class, Optimizers.create("adamw", params(), 0.01));
        assertEquals(1e-2, adamW.config().weightDecay(), "AdamW keeps its own default weight decay");
    }

    @Test
    void factoryErrorsNameTheProblem() {
        rejects(() -> Optimizers.create("adamax", params(), 0.1), "adamax", "sgd, adam, adamw, rmsprop, adagrad, adadelta, nadam, radam");
        rejects(() -> Optimizers.create("adam", params(), 0.1, new Momentum(0.9)), "adam has no option momentum", "betas");
        rejects(() -> Optimizers.create("sgd", params(), 0.1, new Momentum(0.9), new Momentum(0.5)), "momentum given twice");
        rejects(() -> Optimizers.create("sgd", params(), -1), "sgd", "lr");
    }

    @Test
    void optionsParseFromPyTorchKeywords() {
        assertEquals(Optional.of(new Momentum(0.9)), OptimizerOption.parse("momentum", "0.9"));
        assertEquals(Optional.of(new Betas(0.8, 0.9)), OptimizerOption.parse("betas", "[0.8, 0.9]"));
        assertEquals(Optional.of(new Nesterov()), OptimizerOption.parse("nesterov", "true"));
        assertEquals(Optional.empty(), OptimizerOption.parse("amsgrad", "false"));
        rejects(() -> OptimizerOption.parse("momentun", "0.9"), "unknown optimizer option 'momentun'", "momentum");
        rejects(() -> OptimizerOption.parse("eps", "tiny"), "eps", "number");
        rejects(() -> OptimizerOption.parse("betas", "0.9"), "betas", "two numbers");
        rejects(() -> OptimizerOption.parse("centered", "yes"), "centered", "true or false");
    }
}
