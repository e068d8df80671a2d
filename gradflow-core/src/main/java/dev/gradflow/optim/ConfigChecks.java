package dev.gradflow.optim;

/** Argument checks shared by the optimizer configurations; messages name the optimizer and the setting. */
final class ConfigChecks {
    private ConfigChecks() {}

    /** value ≥ 0 and finite. */
    static void nonNegative(String optimizer, String setting, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(optimizer + ": " + setting + " must be finite and >= 0, got " + value);
        }
    }

    /** 0 ≤ value < 1. */
    static void unitIntervalOpen(String optimizer, String setting, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(optimizer + ": " + setting + " must be in [0, 1), got " + value);
        }
    }

    /** 0 ≤ value ≤ 1. */
    static void unitIntervalClosed(String optimizer, String setting, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(optimizer + ": " + setting + " must be in [0, 1], got " + value);
        }
    }

    /** Any finite value. */
    static void finite(String optimizer, String setting, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(optimizer + ": " + setting + " must be finite, got " + value);
        }
    }

    static <T> T notNull(String optimizer, String setting, T value) {
        if (value == null) throw new IllegalArgumentException(optimizer + ": " + setting + " must not be null");
        return value;
    }
}
