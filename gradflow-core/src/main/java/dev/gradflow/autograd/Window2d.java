package dev.gradflow.autograd;

/**
 * The sliding window of a 2-D convolution or pooling over the H×W plane of an NCHW tensor: kernel size, stride
 * and zero padding per axis (PyTorch's {@code kernel_size}, {@code stride}, {@code padding}; no dilation, floor
 * rounding as with {@code ceil_mode=False}).
 *
 * <p>Output size per axis: out = ⌊(in + 2·padding − kernel) / stride⌋ + 1, and output position o reads input
 * rows o·stride − padding + i for i ∈ [0, kernel).
 */
public record Window2d(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                       int paddingHeight, int paddingWidth) {

    public Window2d {
        if (kernelHeight < 1 || kernelWidth < 1) {
            throw new IllegalArgumentException("window: kernel size must be >= 1, got " + kernelHeight + "x" + kernelWidth);
        }
        if (strideHeight < 1 || strideWidth < 1) {
            throw new IllegalArgumentException("window: stride must be >= 1, got " + strideHeight + "x" + strideWidth);
        }
        if (paddingHeight < 0 || paddingWidth < 0) {
            throw new IllegalArgumentException("window: padding must be >= 0, got " + paddingHeight + "x" + paddingWidth);
        }
    }

    /** A square window: kernel k×k, the same stride and padding on both axes. */
    public static Window2d square(int kernel, int stride, int padding) {
        return new Window2d(kernel, kernel, stride, stride, padding, padding);
    }

    /** Output height for an input of height {@code height}; throws when the window does not fit. */
    public int outputHeight(int height) {
        return outputSize(height, kernelHeight, strideHeight, paddingHeight, "height");
    }

    /** Output width for an input of width {@code width}; throws when the window does not fit. */
    public int outputWidth(int width) {
        return outputSize(width, kernelWidth, strideWidth, paddingWidth, "width");
    }

    /** Number of elements in one window, kh·kw. */
    public int area() {
        return kernelHeight * kernelWidth;
    }

    private static int outputSize(int in, int kernel, int stride, int padding, String axis) {
        int span = in + 2 * padding - kernel;
        if (span < 0) {
            throw new IllegalArgumentException("window: kernel " + kernel + " is larger than the padded input " + axis + " "
                    + (in + 2 * padding) + " (input " + in + ", padding " + padding + ")");
        }
        return span / stride + 1;
    }

    @Override
    public String toString() {
        return "kernel " + kernelHeight + "x" + kernelWidth + ", stride " + strideHeight + "x" + strideWidth
                + ", padding " + paddingHeight + "x" + paddingWidth;
    }
}
