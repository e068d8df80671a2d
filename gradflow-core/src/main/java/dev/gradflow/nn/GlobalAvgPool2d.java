package dev.gradflow.nn;

import dev.gradflow.autograd.PoolOps;
import dev.gradflow.tensor.Tensor;

/**
 * Global average pooling, [N, C, H, W] → [N, C] with y[n, c] = (1/(H·W)) Σ_{h,w} x[n, c, h, w]; PyTorch's
 * AdaptiveAvgPool2d(1) followed by Flatten().
 */
public final class GlobalAvgPool2d implements Module {

    @Override
    public Tensor forward(Tensor input) {
        return PoolOps.globalAvgPool2d(input);
    }

    @Override
    public String kind() {
        return "global_avg_pool2d";
    }
}
