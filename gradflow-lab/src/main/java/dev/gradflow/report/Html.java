package dev.gradflow.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Escaping and the number formats of the report's text (tables, findings): NaN shows as an em dash. */
final class Html {
    static final String NOT_A_NUMBER = "—";

    private Html() {}

    /** {@code text} safe inside an element or a quoted attribute; null becomes the empty string. */
    static String escape(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Four significant digits in plain notation for magnitudes in [0.001, 100000) ("0.03124", "123.4"), else two
     * decimals in scientific notation ("1.23e-5").
     */
    static String number(double v) {
        if (Double.isNaN(v)) return NOT_A_NUMBER;
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return scientific(v);
    }

    /** Always scientific with three significant digits ("1.69e-3"), for gradient norms that span decades. */
    static String scientific(double v) {
        if (!Double.isFinite(v) || v == 0) return number(v);
        String s = String.format(Locale.ROOT, "%.2e", v);
        int e = s.indexOf('e');
        return s.substring(0, e) + "e" + Integer.parseInt(s.substring(e + 1));
    }

    /** An integer when {@code v} is one (evidence such as a layer count), else {@link #number(double)}. */
    static String count(double v) {
        if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return number(v);
    }

    /** A fraction as a percentage with one decimal ("97.2 %"). */
    static String percent(double fraction) {
        if (!Double.isFinite(fraction)) return NOT_A_NUMBER;
        return String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }

    /** Signed, two decimals ("−0.53", "+0.10"), for decades per layer. */
    static String signed(double v) {
        if (!Double.isFinite(v)) return NOT_A_NUMBER;
        String s = String.format(Locale.ROOT, "%+.2f", v);
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }

    /** Wall time: "0.84 s", "42.1 s", "3 min 05 s". */
    static String seconds(double s) {
        if (!Double.isFinite(s)) return NOT_A_NUMBER;
        if (s < 10) return String.format(Locale.ROOT, "%.2f s", s);
        if (s < 120) return String.format(Locale.ROOT, "%.1f s", s);
        long whole = Math.round(s);
        return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }

    /** The machine-readable value a sortable table cell carries: the number, or empty for NaN. */
    static String sortKey(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
