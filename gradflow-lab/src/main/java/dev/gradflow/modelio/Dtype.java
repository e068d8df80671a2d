package dev.gradflow.modelio;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * The element types gradflow reads from and writes to safetensors files, with their little-endian encodings. Every
 * type is converted to float32 on reading (gradflow tensors are float32):
 * <ul>
 *   <li>{@code F32}: IEEE binary32, read as is.</li>
 *   <li>{@code F64}: IEEE binary64, rounded to the nearest float32.</li>
 *   <li>{@code F16}: IEEE binary16 via {@link Float#float16ToFloat} (exact); written with
 *       {@link Float#floatToFloat16} (round to nearest even).</li>
 *   <li>{@code BF16}: the upper 16 bits of a binary32, read exactly as {@code bits << 16}; written with round to
 *       nearest even, every NaN as {@code 0x7FC0} (as PyTorch's {@code c10::BFloat16} does).</li>
 *   <li>{@code I64}, {@code I32}: two's-complement integers such as BatchNorm's {@code num_batches_tracked},
 *       rounded to the nearest float32 (exact up to 2²⁴); written only from whole numbers in range.</li>
 * </ul>
 * The constants are declared in the order of the reference implementation's {@code Dtype} enum (increasing
 * alignment), so {@link #ordinal()} orders them as safetensors does when it lays tensors out.
 */
public enum Dtype {
    F16(2),
    BF16(2),
    I32(4),
    F32(4),
    F64(8),
    I64(8);

    /** safetensors dtypes that are valid in the format but that gradflow does not read. */
    private static final Set<String> OTHER_SAFETENSORS_DTYPES = Set.of("BOOL", "U8", "I8", "I16", "U16", "U32", "U64",
            "C64", "F4", "F6_E2M3", "F6_E3M2", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F8_E4M3FNUZ", "F8_E5M2FNUZ");

    private final int byteSize;

    Dtype(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The dtype written as {@code name} in a header, or null when gradflow does not know it. */
    public static Dtype byName(String name) {
        for (Dtype d : values()) {
            if (d.name().equals(name)) return d;
        }
        return null;
    }

    /**
     * Why the dtype {@code quotedName} (as the header gives it, quoted) cannot be read: a format dtype gradflow does
     * not read, or no safetensors dtype at all.
     */
    static String unknownDtypeProblem(String quotedName) {
        String supported = "gradflow reads F32, F64, F16, BF16, I64 and I32";
        String bare = quotedName.substring(1, quotedName.length() - 1);
        return OTHER_SAFETENSORS_DTYPES.contains(bare)
                ? "dtype " + bare + " is not supported (" + supported + ")"
                : "unknown dtype " + quotedName + " (" + supported + ")";
    }

    /**
     * Reads {@code count} elements from {@code source} (little-endian, at its position, which advances) into
     * {@code target[from .. from + count)} as float32.
     */
    void decode(ByteBuffer source, float[] target, int from, int count) {
        int end = from + count;
        switch (this) {
            case F32 -> {
                for (int i = from; i < end; i++) target[i] = source.getFloat();
            }
            case F64 -> {
                for (int i = from; i < end; i++) target[i] = (float) source.getDouble();
            }
            case F16 -> {
                for (int i = from; i < end; i++) target[i] = Float.float16ToFloat(source.getShort());
            }
            case BF16 -> {
                for (int i = from; i < end; i++) target[i] = Float.intBitsToFloat((source.getShort() & 0xFFFF) << 16);
            }
            case I64 -> {
                for (int i = from; i < end; i++) target[i] = (float) source.getLong();
            }
            case I32 -> {
                for (int i = from; i < end; i++) target[i] = (float) source.getInt();
            }
        }
    }

    /**
     * Writes {@code values[from .. from + count)} into {@code target} (little-endian, at its position, which
     * advances). Integer dtypes accept only whole numbers in their range; {@code tensorName} names the tensor in
     * the error.
     */
    void encode(float[] values, int from, int count, ByteBuffer target, String tensorName) {
        int end = from + count;
        switch (this) {
            case F32 -> {
                for (int i = from; i < end; i++) target.putFloat(values[i]);
            }
            case F64 -> {
                for (int i = from; i < end; i++) target.putDouble(values[i]);
            }
            case F16 -> {
                for (int i = from; i < end; i++) target.putShort(Float.floatToFloat16(values[i]));
            }
            case BF16 -> {
                for (int i = from; i < end; i++) target.putShort(toBfloat16(values[i]));
            }
            case I64 -> {
                for (int i = from; i < end; i++) target.putLong((long) checkWhole(values, i, 0x1p63, tensorName));
            }
            case I32 -> {
                for (int i = from; i < end; i++) target.putInt((int) checkWhole(values, i, 0x1p31, tensorName));
            }
        }
    }

    /** float32 → bfloat16 bits, rounding to nearest even; NaN becomes the quiet NaN 0x7FC0. */
    static short toBfloat16(float value) {
        if (Float.isNaN(value)) return (short) 0x7FC0;
        int bits = Float.floatToRawIntBits(value);
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    /** values[index], checked to be a whole number in [−limit, limit). */
    private float checkWhole(float[] values, int index, double limit, String tensorName) {
        float v = values[index];
        if (!(v == Math.rint(v) && v >= -limit && v < limit)) {
            throw new IllegalArgumentException("tensor '" + tensorName + "': dtype " + this + " needs whole numbers in [-2^"
                    + Math.getExponent(limit) + ", 2^" + Math.getExponent(limit) + "), element " + index + " is " + v);
        }
        return v;
    }
}
