package dev.gradflow.init;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Looks initializers up by their spec names, with parameters named as in torch.nn.init:
 * <pre>
 *  zeros
 *  constant                         value (required)
 *  uniform                          a = 0, b = 1
 *  normal                           mean = 0, std = 1
 *  standard                         —            (PyTorch's nn.Linear default)
 *  xavier_uniform, xavier_normal    gain = 1
 *  he_uniform, he_normal            a = 0 (negative slope), mode = "fan_in", nonlinearity = "leaky_relu"
 *    (aliases kaiming_uniform, kaiming_normal)
 *  lecun_normal                     —
 *  orthogonal                       gain = 1
 * </pre>
 * Parameters are {@link Number}s, except mode and nonlinearity, which are strings; unknown parameters are
 * rejected.
 */
public final class Initializers {
    private Initializers() {}

    /** The initializer of this name with its default parameters. */
    public static Initializer byName(String name) {
        return byName(name, Map.of());
    }

    /** The initializer of this name with the given parameters (see the class comment). */
    public static Initializer byName(String name, Map<String, ?> params) {
        Parameters p = new Parameters(name, params);
        Initializer initializer = switch (name) {
            case "zeros" -> new Zeros();
            case "constant" -> new Constant(p.requiredNumber("value"));
            case "uniform" -> new Uniform(p.number("a", Uniform.DEFAULT_LOW), p.number("b", Uniform.DEFAULT_HIGH));
            case "normal" -> new Normal(p.number("mean", Normal.DEFAULT_MEAN), p.number("std", Normal.DEFAULT_STD));
            case "standard" -> new Standard();
            case "xavier_uniform" -> new XavierUniform(p.number("gain", XavierUniform.DEFAULT_GAIN));
            case "xavier_normal" -> new XavierNormal(p.number("gain", XavierNormal.DEFAULT_GAIN));
            case "he_uniform", "kaiming_uniform" -> new HeUniform(kaimingScale(p));
            case "he_normal", "kaiming_normal" -> new HeNormal(kaimingScale(p));
            case "lecun_normal" -> new LecunNormal();
            case "orthogonal" -> new Orthogonal(p.number("gain", Orthogonal.DEFAULT_GAIN));
            default -> throw new IllegalArgumentException("unknown initializer '" + name + "'; known: zeros, constant, uniform,"
                    + " normal, standard, xavier_uniform, xavier_normal, he_uniform, he_normal, kaiming_uniform, kaiming_normal,"
                    + " lecun_normal, orthogonal");
        };
        p.rejectUnused();
        return initializer;
    }

    private static KaimingScale kaimingScale(Parameters p) {
        KaimingScale d = KaimingScale.DEFAULT;
        return new KaimingScale(FanMode.byName(p.text("mode", d.mode().specName())),
                p.text("nonlinearity", d.nonlinearity()), p.number("a", d.negativeSlope()));
    }

    /** Reads parameters by name and remembers which were read, so that misspelt ones are reported. */
    private static final class Parameters {
        private final String initializer;
        private final Map<String, ?> values;
        private final Set<String> used = new HashSet<>();

        Parameters(String initializer, Map<String, ?> values) {
            this.initializer = initializer;
            this.values = values;
        }

        double number(String key, double fallback) {
            used.add(key);
            Object v = values.get(key);
            if (v == null) return fallback;
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException(initializer + ": parameter '" + key + "' must be a number, got '" + v + "'");
            }
            return n.doubleValue();
        }

        double requiredNumber(String key) {
            if (!values.containsKey(key)) throw new IllegalArgumentException(initializer + ": parameter '" + key + "' is required");
            return number(key, Double.NaN);
        }

        String text(String key, String fallback) {
            used.add(key);
            Object v = values.get(key);
            if (v == null) return fallback;
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException(initializer + ": parameter '" + key + "' must be a string, got " + v);
            }
            return s;
        }

        void rejectUnused() {
            Set<String> unknown = new TreeSet<>(values.keySet());
            unknown.removeAll(used);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(initializer + ": unknown parameter(s) " + unknown
                        + (used.isEmpty() ? "; it takes none" : "; known: " + new TreeSet<>(used)));
            }
        }
    }
}
