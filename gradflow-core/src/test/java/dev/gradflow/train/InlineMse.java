package dev.gradflow.train;

import dev.gradflow.nn.loss.Loss;
import dev.gradflow.tensor.Tensor;

/** Test-only MSE built from primitive ops: mean((prediction − target)²). */
final class InlineMse implements Loss {
    @Override
    public Tensor compute(Tensor prediction, Tensor target) {
        return prediction.sub(target.reshape(prediction.dims())).square().mean();
    }

    @Override
    public String name() {
        return "mse";
    }
}
