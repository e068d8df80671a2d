package dev.gradflow.backend;

/**
 * An elementwise function y = f(x) with its derivative, as PyTorch defines both (including the value chosen at
 * kinks: ReLU′(0) = 0, |x|′ at 0 = 0, clamp passes the gradient on the closed interval, hardtanh on the open one).
 *
 * <p>The records are the scalar reference; {@link Kernels#pointwise} and {@link Kernels#pointwiseBackward} apply
 * them to arrays, and a SIMD implementation may special-case any of them as long as it agrees to float rounding.
 */
public sealed interface PointwiseFunction {

    /** The name used in model specs and reports, e.g. "relu", "leaky_relu". */
    String name();

    /** f(x). */
    float apply(float x);

    /** f′(x), given x and y = f(x) (whichever is cheaper to use). */
    float derivative(float x, float y);

    /** The activation of this name with PyTorch's default parameters, or an exception listing the known names. */
    static PointwiseFunction byName(String name) {
        return switch (name) {
            case "identity", "linear" -> Identity.INSTANCE;
            case "sigmoid" -> Sigmoid.INSTANCE;
            case "tanh" -> Tanh.INSTANCE;
            case "relu" -> Relu.INSTANCE;
            case "leaky_relu" -> new LeakyRelu(0.01f);
            case "elu" -> new Elu(1f);
            case "selu" -> Selu.INSTANCE;
            case "gelu" -> Gelu.INSTANCE;
            case "gelu_tanh" -> GeluTanh.INSTANCE;
            case "silu", "swish" -> Silu.INSTANCE;
            case "softplus" -> new Softplus(1f, 20f);
            case "softsign" -> Softsign.INSTANCE;
            case "hardtanh" -> new Hardtanh(-1f, 1f);
            case "mish" -> Mish.INSTANCE;
            default -> throw new IllegalArgumentException("unknown activation '" + name + "'; known: identity, sigmoid, tanh, relu,"
                    + " leaky_relu, elu, selu, gelu, gelu_tanh, silu, softplus, softsign, hardtanh, mish");
        };
    }

    // ------------------------------------------------------------------ arithmetic

    /** y = −x. */
    record Neg() implements PointwiseFunction {
        public static final Neg INSTANCE = new Neg();
        public String name() { return "neg"; }
        public float apply(float x) { return -x; }
        public float derivative(float x, float y) { return -1f; }
    }

    /** y = eˣ; y′ = y. */
    record Exp() implements PointwiseFunction {
        public static final Exp INSTANCE = new Exp();
        public String name() { return "exp"; }
        public float apply(float x) { return (float) Math.exp(x); }
        public float derivative(float x, float y) { return y; }
    }

    /** y = ln x; y′ = 1/x. */
    record Log() implements PointwiseFunction {
        public static final Log INSTANCE = new Log();
        public String name() { return "log"; }
        public float apply(float x) { return (float) Math.log(x); }
        public float derivative(float x, float y) { return 1f / x; }
    }

    /** y = √x; y′ = 1/(2y). */
    record Sqrt() implements PointwiseFunction {
        public static final Sqrt INSTANCE = new Sqrt();
        public String name() { return "sqrt"; }
        public float apply(float x) { return (float) Math.sqrt(x); }
        public float derivative(float x, float y) { return 0.5f / y; }
    }

    /** y = |x|; y′ = sign(x), 0 at 0. */
    record Abs() implements PointwiseFunction {
        public static final Abs INSTANCE = new Abs();
        public String name() { return "abs"; }
        public float apply(float x) { return Math.abs(x); }
        public float derivative(float x, float y) { return Math.signum(x); }
    }

    /** y = x²; y′ = 2x. */
    record Square() implements PointwiseFunction {
        public static final Square INSTANCE = new Square();
        public String name() { return "square"; }
        public float apply(float x) { return x * x; }
        public float derivative(float x, float y) { return 2f * x; }
    }

    /** y = xᵖ; y′ = p·xᵖ⁻¹. */
    record Pow(float exponent) implements PointwiseFunction {
        public String name() { return "pow"; }
        public float apply(float x) { return (float) Math.pow(x, exponent); }
        public float derivative(float x, float y) {
            return exponent == 0f ? 0f : (float) (exponent * Math.pow(x, exponent - 1.0));
        }
    }

    /** y = min(max(x, lo), hi); y′ = 1 on the closed interval [lo, hi], else 0 (as torch.clamp). */
    record Clamp(float min, float max) implements PointwiseFunction {
        public Clamp {
            if (!(min <= max)) throw new IllegalArgumentException("clamp needs min <= max, got " + min + " > " + max);
        }
        public String name() { return "clamp"; }
        public float apply(float x) { return Math.min(Math.max(x, min), max); }
        public float derivative(float x, float y) { return x >= min && x <= max ? 1f : 0f; }
    }

    // ------------------------------------------------------------------ activations

    /** y = x. */
    record Identity() implements PointwiseFunction {
        public static final Identity INSTANCE = new Identity();
        public String name() { return "identity"; }
        public float apply(float x) { return x; }
        public float derivative(float x, float y) { return 1f; }
    }

    /** y = σ(x) = 1/(1 + e⁻ˣ); y′ = y(1 − y) ≤ 1/4, the bound behind vanishing gradients in sigmoid stacks. */
    record Sigmoid() implements PointwiseFunction {
        public static final Sigmoid INSTANCE = new Sigmoid();
        public String name() { return "sigmoid"; }
        public float apply(float x) { return (float) (1.0 / (1.0 + Math.exp(-x))); }
        public float derivative(float x, float y) { return y * (1f - y); }
    }

    /** y = tanh x; y′ = 1 − y² ≤ 1. */
    record Tanh() implements PointwiseFunction {
        public static final Tanh INSTANCE = new Tanh();
        public String name() { return "tanh"; }
        public float apply(float x) { return (float) Math.tanh(x); }
        public float derivative(float x, float y) { return 1f - y * y; }
    }

    /** y = max(0, x); y′ = 1 for x &gt; 0, else 0. */
    record Relu() implements PointwiseFunction {
        public static final Relu INSTANCE = new Relu();
        public String name() { return "relu"; }
        public float apply(float x) { return x > 0f ? x : 0f; }
        public float derivative(float x, float y) { return x > 0f ? 1f : 0f; }
    }

    /** y = x for x &gt; 0, else s·x (PyTorch default s = 0.01). */
    record LeakyRelu(float slope) implements PointwiseFunction {
        public String name() { return "leaky_relu"; }
        public float apply(float x) { return x > 0f ? x : slope * x; }
        public float derivative(float x, float y) { return x > 0f ? 1f : slope; }
    }

    /** y = x for x &gt; 0, else α(eˣ − 1); y′ = α·eˣ = y + α for x ≤ 0. */
    record Elu(float alpha) implements PointwiseFunction {
        public String name() { return "elu"; }
        public float apply(float x) { return x > 0f ? x : (float) (alpha * Math.expm1(x)); }
        public float derivative(float x, float y) { return x > 0f ? 1f : (float) (alpha * Math.exp(x)); }
    }

    /**
     * SELU (Klambauer et al. 2017): y = λ·x for x &gt; 0, else λα(eˣ − 1), with λ ≈ 1.0507, α ≈ 1.6733 chosen so
     * that N(0, 1) inputs keep mean 0 and variance 1 under LeCun-normal weights.
     */
    record Selu() implements PointwiseFunction {
        public static final Selu INSTANCE = new Selu();
        public String name() { return "selu"; }
        static final double ALPHA = 1.6732632423543772848170429916717;
        static final double SCALE = 1.0507009873554804934193349852946;
        public float apply(float x) { return (float) (x > 0f ? SCALE * x : SCALE * ALPHA * Math.expm1(x)); }
        public float derivative(float x, float y) { return (float) (x > 0f ? SCALE : SCALE * ALPHA * Math.exp(x)); }
    }

    /** GELU, exact form: y = x·Φ(x) = ½x(1 + erf(x/√2)); y′ = Φ(x) + x·φ(x). */
    record Gelu() implements PointwiseFunction {
        public static final Gelu INSTANCE = new Gelu();
        public String name() { return "gelu"; }
        public float apply(float x) { return (float) (0.5 * x * (1.0 + Erf.erf(x / Math.sqrt(2.0)))); }
        public float derivative(float x, float y) {
            double cdf = 0.5 * (1.0 + Erf.erf(x / Math.sqrt(2.0)));
            double pdf = Math.exp(-0.5 * x * x) / Math.sqrt(2.0 * Math.PI);
            return (float) (cdf + x * pdf);
        }
    }

    /** GELU, tanh form: y = ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
    record GeluTanh() implements PointwiseFunction {
        public static final GeluTanh INSTANCE = new GeluTanh();
        public String name() { return "gelu_tanh"; }
        static final double K = Math.sqrt(2.0 / Math.PI);
        public float apply(float x) { return (float) (0.5 * x * (1.0 + Math.tanh(K * (x + 0.044715 * x * x * x)))); }
        public float derivative(float x, float y) {
            double inner = K * (x + 0.044715 * x * x * x);
            double t = Math.tanh(inner);
            return (float) (0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * K * (1.0 + 3.0 * 0.044715 * x * x));
        }
    }

    /** SiLU (swish): y = x·σ(x); y′ = σ(x)(1 + x(1 − σ(x))). */
    record Silu() implements PointwiseFunction {
        public static final Silu INSTANCE = new Silu();
        public String name() { return "silu"; }
        public float apply(float x) { return (float) (x / (1.0 + Math.exp(-x))); }
        public float derivative(float x, float y) {
            double s = 1.0 / (1.0 + Math.exp(-x));
            return (float) (s * (1.0 + x * (1.0 - s)));
        }
    }

    /** y = (1/β)·ln(1 + e^{βx}), linear (y = x) where βx &gt; threshold, as torch.nn.Softplus; y′ = σ(βx). */
    record Softplus(float beta, float threshold) implements PointwiseFunction {
        public String name() { return "softplus"; }
        public float apply(float x) {
            double bx = (double) beta * x;
            return bx > threshold ? x : (float) (Math.log1p(Math.exp(bx)) / beta);
        }
        public float derivative(float x, float y) {
            double bx = (double) beta * x;
            return bx > threshold ? 1f : (float) (1.0 / (1.0 + Math.exp(-bx)));
        }
    }

    /** y = x/(1 + |x|); y′ = 1/(1 + |x|)². */
    record Softsign() implements PointwiseFunction {
        public static final Softsign INSTANCE = new Softsign();
        public String name() { return "softsign"; }
        public float apply(float x) { return x / (1f + Math.abs(x)); }
        public float derivative(float x, float y) {
            float d = 1f + Math.abs(x);
            return 1f / (d * d);
        }
    }

    /** y = clamp(x, lo, hi); y′ = 1 on the open interval (lo, hi), as torch.nn.Hardtanh. */
    record Hardtanh(float min, float max) implements PointwiseFunction {
        public String name() { return "hardtanh"; }
        public float apply(float x) { return Math.min(Math.max(x, min), max); }
        public float derivative(float x, float y) { return x > min && x < max ? 1f : 0f; }
    }

    /** Mish: y = x·tanh(softplus(x)); y′ = tanh(sp) + x·(1 − tanh²(sp))·σ(x). */
    record Mish() implements PointwiseFunction {
        public static final Mish INSTANCE = new Mish();
        public String name() { return "mish"; }
        public float apply(float x) { return (float) (x * Math.tanh(softplus(x))); }
        public float derivative(float x, float y) {
            double t = Math.tanh(softplus(x));
            double s = 1.0 / (1.0 + Math.exp(-x));
            return (float) (t + x * (1.0 - t * t) * s);
        }
        private static double softplus(double x) {
            return x > 20.0 ? x : Math.log1p(Math.exp(x));
        }
    }
}
