package dev.gradflow.autograd;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.backend.Kernels;
import dev.gradflow.backend.Transpose;
import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;

/**
 * 2-D convolution (cross-correlation, as torch.nn.functional.conv2d) lowered to GEMM by im2col, so the fast
 * matrix kernel does the work.
 *
 * <p>Shapes: x [N, C, H, W], weight [F, C, kh, kw], bias [F] or null, output [N, F, OH, OW] with OH, OW from
 * the {@link Window2d}. With K = C·kh·kw and P = OH·OW, each image n is unfolded into the matrix
 * col_n [K, P], col_n[(c·kh + i)·kw + j, oh·OW + ow] = x[n, c, oh·sh − ph + i, ow·sw − pw + j] (0 in the padding),
 * and
 * <pre>  y_n = W·col_n + b        (W viewed as [F, K]; y_n as [F, P])</pre>
 * Backward, for G_n = ∂L/∂y_n:
 * <pre>  ∂W += Σ_n G_n·col_nᵀ      ∂b += Σ_n Σ_p G_n[:, p]      ∂x_n += col2im(Wᵀ·G_n)</pre>
 * where col2im adds each column entry back to the input pixel it was read from. The unfolded matrix is rebuilt in
 * the backward pass rather than kept, so memory stays at one image's col at a time.
 */
public final class ConvOps {
    private ConvOps() {}

    private static Kernels k() {
        return KernelProvider.kernels();
    }

    /** y = conv2d(x, weight, bias) with the stride and padding of {@code window}; its kernel must match the weight. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Window2d window) {
        if (weight.rank() != 4) {
            throw new IllegalArgumentException("conv2d: weight must be [out_channels, in_channels, kh, kw], got " + weight.shape());
        }
        int filters = weight.dim(0);
        int channels = weight.dim(1);
        int kh = weight.dim(2);
        int kw = weight.dim(3);
        if (x.rank() != 4 || x.dim(1) != channels) {
            throw new IllegalArgumentException("conv2d: input shape " + x.shape() + " does not fit weight " + weight.shape()
                    + " (needs [N, in_channels = " + channels + ", H, W])");
        }
        if (kh != window.kernelHeight() || kw != window.kernelWidth()) {
            throw new IllegalArgumentException("conv2d: weight " + weight.shape() + " does not match the window's kernel "
                    + window.kernelHeight() + "x" + window.kernelWidth());
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != filters)) {
            throw new IllegalArgumentException("conv2d: bias shape " + bias.shape() + " does not fit weight " + weight.shape());
        }
        int n = x.dim(0);
        int height = x.dim(2);
        int width = x.dim(3);
        int outHeight;
        int outWidth;
        try {
            outHeight = window.outputHeight(height);
            outWidth = window.outputWidth(width);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("conv2d: input " + x.shape() + " with " + window + ": " + e.getMessage(), e);
        }
        Unfold unfold = new Unfold(channels, height, width, outHeight, outWidth, window);
        int kSize = unfold.rows();
        int positions = unfold.columns();
        int imageSize = channels * height * width;
        int outImageSize = filters * positions;

        float[] y = new float[n * outImageSize];
        float[] col = unfold.isIdentity() ? null : new float[kSize * positions];
        for (int img = 0; img < n; img++) {
            float[] source = x.data();
            int sourceOffset = img * imageSize;
            if (col != null) {
                unfold.im2col(x.data(), sourceOffset, col);
                source = col;
                sourceOffset = 0;
            }
            k().gemm(Transpose.NO, Transpose.NO, filters, positions, kSize, weight.data(), 0, source, sourceOffset, 0f, y, img * outImageSize);
            if (bias != null) {
                float[] b = bias.data();
                for (int f = 0; f < filters; f++) {
                    int row = img * outImageSize + f * positions;
                    for (int p = 0; p < positions; p++) y[row + p] += b[f];
                }
            }
        }
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Tensor.fromOp(Shape.of(n, filters, outHeight, outWidth), y, "conv2d", g -> {
            float[] colBack = unfold.isIdentity() ? null : new float[kSize * positions];
            float[] gradCol = x.requiresGrad() && colBack != null ? new float[kSize * positions] : null;
            for (int img = 0; img < n; img++) {
                int gOffset = img * outImageSize;
                if (weight.requiresGrad()) {
                    float[] source = x.data();
                    int sourceOffset = img * imageSize;
                    if (colBack != null) {
                        unfold.im2col(x.data(), sourceOffset, colBack);
                        source = colBack;
                        sourceOffset = 0;
                    }
                    k().gemm(Transpose.NO, Transpose.YES, filters, kSize, positions, g, gOffset, source, sourceOffset, 1f, weight.gradBuffer(), 0);
                }
                if (bias != null && bias.requiresGrad()) {
                    float[] gb = bias.gradBuffer();
                    for (int f = 0; f < filters; f++) gb[f] += (float) k().sum(g, gOffset + f * positions, positions);
                }
                if (x.requiresGrad()) {
                    if (gradCol == null) {
                        k().gemm(Transpose.YES, Transpose.NO, kSize, positions, filters, weight.data(), 0, g, gOffset, 1f, x.gradBuffer(), img * imageSize);
                    } else {
                        k().gemm(Transpose.YES, Transpose.NO, kSize, positions, filters, weight.data(), 0, g, gOffset, 0f, gradCol, 0);
                        unfold.col2imAdd(gradCol, x.gradBuffer(), img * imageSize);
                    }
                }
            }
        }, inputs);
    }

    /** The im2col / col2im index map of one image. */
    private record Unfold(int channels, int height, int width, int outHeight, int outWidth, Window2d window) {
        int rows() {
            return channels * window.area();
        }

        int columns() {
            return outHeight * outWidth;
        }

        /** A 1×1 kernel with stride 1 and no padding: col_n is the image itself, no copy needed. */
        boolean isIdentity() {
            return window.area() == 1 && window.strideHeight() == 1 && window.strideWidth() == 1
                    && window.paddingHeight() == 0 && window.paddingWidth() == 0;
        }

        /** col = im2col(x[offset …]) (overwritten, zeros in the padding). */
        void im2col(float[] x, int offset, float[] col) {
            int kh = window.kernelHeight();
            int kw = window.kernelWidth();
            int positions = columns();
            for (int c = 0; c < channels; c++) {
                int plane = offset + c * height * width;
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int rowStart = ((c * kh + i) * kw + j) * positions;
                        for (int oh = 0; oh < outHeight; oh++) {
                            int ih = oh * window.strideHeight() - window.paddingHeight() + i;
                            int dst = rowStart + oh * outWidth;
                            if (ih < 0 || ih >= height) {
                                java.util.Arrays.fill(col, dst, dst + outWidth, 0f);
                                continue;
                            }
                            int src = plane + ih * width;
                            for (int ow = 0; ow < outWidth; ow++) {
                                int iw = ow * window.strideWidth() - window.paddingWidth() + j;
                                col[dst + ow] = iw >= 0 && iw < width ? x[src + iw] : 0f;
                            }
                        }
                    }
                }
            }
        }

        /** gradX[offset …] += col2im(col): each entry goes back to the pixel it was read from. */
        void col2imAdd(float[] col, float[] gradX, int offset) {
            int kh = window.kernelHeight();
            int kw = window.kernelWidth();
            int positions = columns();
            for (int c = 0; c < channels; c++) {
                int plane = offset + c * height * width;
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int rowStart = ((c * kh + i) * kw + j) * positions;
                        for (int oh = 0; oh < outHeight; oh++) {
                            int ih = oh * window.strideHeight() - window.paddingHeight() + i;
                            if (ih < 0 || ih >= height) continue;
                            int src = rowStart + oh * outWidth;
                            int dst = plane + ih * width;
                            for (int ow = 0; ow < outWidth; ow++) {
                                int iw = ow * window.strideWidth() - window.paddingWidth() + j;
                                if (iw >= 0 && iw < width) gradX[dst + iw] += col[src + ow];
                            }
                        }
                    }
                }
            }
        }
    }
}
