package dev.gradflow.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gradflow.testing.Mutator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz tests of {@link CsvLoader}: a few thousand valid, mutated and grammar-made CSV files (some gzip-compressed),
 * loaded with random target and task options, each from its own seed. Every input is either loaded — as many
 * target rows as feature rows, every value finite — or rejected with a {@link DataFormatException} naming the file.
 */
class CsvLoaderFuzzTest {
    private static final long BASE_SEED = 0xC5F_0000L;
    private static final String[] VOCABULARY = {"0", "1", "7", "-", "+", ".", "e", "E", "e+", "e-", ",", ",,", "\"", "\"\"", "\"1,5\"",
            " ", "\t", "\n", "\r\n", "\n\n", "\uFEFF", "NaN", "nan", "inf", "-Infinity", "1e39", "-3.5e38", "3.4e38", "1e-50", "0x10", "1f",
            "1d", "é", "😀", "a", "b", "y", "label", "16777217", "-0", ".5", "5.", "1e", "\u0000", "\\"};

    private enum Outcome { LOADED, REJECTED }

    @TempDir
    Path dir;

    private static String validCsv(SplittableRandom random) {
        int columns = 1 + random.nextInt(4);
        int rows = 1 + random.nextInt(5);
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < columns; c++) sb.append(c == 0 ? "" : ",").append(c == columns - 1 ? "y" : "x" + c);
        sb.append('\n');
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                String cell = switch (random.nextInt(4)) {
                    case 0 -> Integer.toString(random.nextInt(4));
                    case 1 -> String.format(Locale.ROOT, "%.3f", random.nextDouble(-10, 10));
                    case 2 -> String.format(Locale.ROOT, "%.2e", random.nextDouble(-1e6, 1e6));
                    default -> "\"" + random.nextInt(100) + "\"";
                };
                sb.append(c == 0 ? "" : ",").append(cell);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String grammarCsv(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        int tokens = random.nextInt(40);
        for (int i = 0; i < tokens; i++) sb.append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
        return sb.toString();
    }

    private static CsvOptions options(SplittableRandom random) {
        TargetColumns targets = switch (random.nextInt(3)) {
            case 0 -> TargetColumns.last();
            case 1 -> TargetColumns.named(random.nextBoolean() ? "y" : VOCABULARY[random.nextInt(VOCABULARY.length)]);
            default -> TargetColumns.indexed(random.nextInt(-5, 5));
        };
        return new CsvOptions(targets, random.nextBoolean() ? Task.REGRESSION : Task.CLASSIFICATION);
    }

    @Test
    void mutatedAndGrammarMadeFilesAreLoadedOrRejectedCleanly() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
            int cases = 3000;
            for (int i = 0; i < cases; i++) {
                long seed = BASE_SEED + i;
                SplittableRandom random = new SplittableRandom(seed);
                Mutator mutator = new Mutator(random);
                byte[] bytes = switch (random.nextInt(10)) {
                    case 0 -> validCsv(random).getBytes(StandardCharsets.UTF_8);
                    case 1, 2 -> grammarCsv(random).getBytes(StandardCharsets.UTF_8);
                    case 3 -> mutator.mutateBytes(validCsv(random).getBytes(StandardCharsets.UTF_8), 3);
                    default -> mutator.mutateText(validCsv(random), VOCABULARY, 3).getBytes(StandardCharsets.UTF_8);
                };
                if (random.nextInt(8) == 0) {
                    bytes = TestFiles.gzip(bytes);
                    mutator.note("gzip");
                    if (random.nextBoolean()) bytes = mutator.mutateBytes(bytes, 2);
                }
                Path file = TestFiles.write(dir, "fuzz-" + (i % 2) + ".csv", bytes);
                CsvOptions options = options(random);
                try {
                    Dataset d = CsvLoader.load(file, options);
                    assertEquals(d.features().dim(0), d.targets().dim(0), "seed " + seed);
                    for (float v : d.features().data()) assertTrue(Float.isFinite(v), "seed " + seed);
                    for (float v : d.targets().data()) assertTrue(Float.isFinite(v), "seed " + seed);
                    outcomes.merge(Outcome.LOADED, 1, Integer::sum);
                } catch (DataFormatException e) {
                    assertTrue(e.getMessage().startsWith(file + ": "), "seed " + seed + ": the message must name the file: " + e.getMessage());
                    outcomes.merge(Outcome.REJECTED, 1, Integer::sum);
                } catch (Throwable t) {
                    fail("seed " + seed + " (" + mutator.description() + ", " + options + "): " + t, t);
                }
            }
            assertTrue(outcomes.getOrDefault(Outcome.LOADED, 0) >= cases / 20, "some inputs must load: " + outcomes);
            assertTrue(outcomes.getOrDefault(Outcome.REJECTED, 0) >= cases / 4, outcomes.toString());
        });
    }
}
