package dev.gradflow.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Seeded mutations for the fuzz tests of the readers: byte-level edits (bit flips, interesting bytes and 32-bit
 * big- and little-endian integers, insertions, deletions, truncation, duplicated chunks) and text-level edits that
 * splice in tokens of the format's own vocabulary. Every edit is recorded, so a failure can say which seed and
 * which edits produced the input.
 */
public final class Mutator {
    private static final int[] INTERESTING_INTS = {0, 1, -1, 2, 3, 8, 16, 255, 256, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
            0x7FFFFFFF, 0x80000000, 0x00000801, 0x00000803, 0x00000802, 0x08030000, 1 << 20, 1 << 24, 60000, 28};
    private static final byte[] INTERESTING_BYTES = {0, 1, -1, 0x7F, (byte) 0x80, 0x08, 0x03, 0x1F, (byte) 0x8B, '\n', ',', '"', ' ', '{', '}'};

    private final RandomGenerator random;
    private final List<String> applied = new ArrayList<>();

    public Mutator(RandomGenerator random) {
        this.random = random;
    }

    public RandomGenerator random() {
        return random;
    }

    /** The edits made so far, for failure messages. */
    public String description() {
        return applied.isEmpty() ? "(unmutated)" : String.join("; ", applied);
    }

    /** 1 to {@code maxEdits} byte-level edits of a copy of {@code input}. */
    public byte[] mutateBytes(byte[] input, int maxEdits) {
        byte[] bytes = input.clone();
        int edits = 1 + random.nextInt(maxEdits);
        for (int e = 0; e < edits; e++) bytes = mutateOnce(bytes);
        return bytes;
    }

    private byte[] mutateOnce(byte[] bytes) {
        int n = bytes.length;
        int at = n == 0 ? 0 : random.nextInt(n);
        switch (n == 0 ? 4 : random.nextInt(9)) {
            case 0 -> {
                int bit = random.nextInt(8);
                bytes[at] ^= (byte) (1 << bit);
                applied.add("flip bit " + bit + " of byte " + at);
            }
            case 1 -> {
                bytes[at] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
                applied.add("byte " + at + " = " + bytes[at]);
            }
            case 2 -> {
                int value = INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)];
                boolean bigEndian = random.nextBoolean();
                int start = Math.min(at, Math.max(0, n - 4));
                for (int i = 0; i < 4 && start + i < n; i++) {
                    int shift = bigEndian ? 24 - 8 * i : 8 * i;
                    bytes[start + i] = (byte) (value >>> shift);
                }
                applied.add((bigEndian ? "big" : "little") + "-endian int " + value + " at " + start);
            }
            case 3 -> {
                int cut = random.nextInt(n + 1);
                applied.add("truncate to " + cut);
                return Arrays.copyOf(bytes, cut);
            }
            case 4 -> {
                byte[] inserted = randomBytes(1 + random.nextInt(8));
                applied.add("insert " + inserted.length + " bytes at " + at);
                return splice(bytes, at, at, inserted);
            }
            case 5 -> {
                int length = 1 + random.nextInt(Math.min(16, n - at));
                applied.add("delete " + length + " bytes at " + at);
                return splice(bytes, at, at + length, new byte[0]);
            }
            case 6 -> {
                int length = 1 + random.nextInt(Math.min(32, n - at));
                byte[] chunk = Arrays.copyOfRange(bytes, at, at + length);
                int to = random.nextInt(n + 1);
                applied.add("copy " + length + " bytes from " + at + " to " + to);
                return splice(bytes, to, to, chunk);
            }
            case 7 -> {
                byte[] tail = randomBytes(1 + random.nextInt(32));
                applied.add("append " + tail.length + " bytes");
                return splice(bytes, n, n, tail);
            }
            default -> {
                int length = 1 + random.nextInt(Math.min(8, n - at));
                for (int i = 0; i < length; i++) bytes[at + i] = (byte) random.nextInt(256);
                applied.add("randomize " + length + " bytes at " + at);
            }
        }
        return bytes;
    }

    /** 1 to {@code maxEdits} text edits: tokens of {@code vocabulary} inserted or put in place of a span, spans deleted or repeated. */
    public String mutateText(String input, String[] vocabulary, int maxEdits) {
        StringBuilder text = new StringBuilder(input);
        int edits = 1 + random.nextInt(maxEdits);
        for (int e = 0; e < edits; e++) {
            int n = text.length();
            int at = n == 0 ? 0 : random.nextInt(n + 1);
            int span = n - at == 0 ? 0 : 1 + random.nextInt(Math.min(12, n - at));
            String token = vocabulary[random.nextInt(vocabulary.length)];
            switch (random.nextInt(5)) {
                case 0 -> {
                    text.insert(at, token);
                    applied.add("insert " + quote(token) + " at " + at);
                }
                case 1 -> {
                    text.replace(at, at + span, token);
                    applied.add("replace " + span + " chars at " + at + " by " + quote(token));
                }
                case 2 -> {
                    text.delete(at, at + span);
                    applied.add("delete " + span + " chars at " + at);
                }
                case 3 -> {
                    String chunk = text.substring(at, at + span);
                    text.insert(random.nextInt(text.length() + 1), chunk);
                    applied.add("repeat " + quote(chunk));
                }
                default -> {
                    text.replace(at, at + span, new String(randomBytes(span == 0 ? 1 : span), StandardCharsets.ISO_8859_1));
                    applied.add("randomize " + span + " chars at " + at);
                }
            }
        }
        return text.toString();
    }

    public byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Notes an edit made by the caller, for {@link #description()}. */
    public void note(String edit) {
        applied.add(edit);
    }

    private static byte[] splice(byte[] bytes, int from, int to, byte[] replacement) {
        byte[] out = new byte[bytes.length - (to - from) + replacement.length];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(replacement, 0, out, from, replacement.length);
        System.arraycopy(bytes, to, out, from + replacement.length, bytes.length - to);
        return out;
    }

    private static String quote(String s) {
        String shown = s.length() > 20 ? s.substring(0, 20) + "…" : s;
        return "\"" + shown.replace("\n", "\\n") + "\"";
    }
}
