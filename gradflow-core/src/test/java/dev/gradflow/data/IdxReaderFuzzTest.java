package dev.gradflow.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gradflow.tensor.Tensor;
import dev.gradflow.testing.Mutator;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz tests of {@link IdxReader}: a few thousand valid, mutated and random IDX files (plain and gzip), each from
 * its own seed ({@code BASE_SEED + case}). Every input is either read — with the shape its header declares and
 * pixels in [0, 1] — or rejected with a {@link DataFormatException} naming the file: no other exception, no
 * OutOfMemoryError (headers declaring billions of pixels are among the inputs), no hang.
 */
class IdxReaderFuzzTest {
    private static final long BASE_SEED = 0x1D8_0000L;

    private enum Outcome { READ, REJECTED }

    @TempDir
    Path dir;

    /** A valid IDX file: images (magic 0x803, count, rows, columns, pixels) or labels (magic 0x801, count, labels). */
    private static byte[] validFile(SplittableRandom random, boolean images) {
        int count = random.nextInt(5);
        int rows = 1 + random.nextInt(4);
        int columns = 1 + random.nextInt(4);
        int body = images ? count * rows * columns : count;
        ByteBuffer b = ByteBuffer.allocate((images ? 16 : 8) + body);
        b.putInt(images ? IdxReader.IMAGES_MAGIC : IdxReader.LABELS_MAGIC).putInt(count);
        if (images) b.putInt(rows).putInt(columns);
        for (int i = 0; i < body; i++) b.put((byte) random.nextInt(256));
        return b.array();
    }

    private Outcome readOrReject(Path file, Supplier<Tensor> reading, long seed, Mutator mutator, int rank) {
        Tensor t;
        try {
            t = reading.get();
        } catch (DataFormatException e) {
            assertTrue(e.getMessage().startsWith(file + ": "), "seed " + seed + ": the message must name the file: " + e.getMessage());
            return Outcome.REJECTED;
        } catch (Throwable t2) {
            return fail("seed " + seed + " (" + mutator.description() + "): " + t2, t2);
        }
        assertEquals(rank, t.rank(), "seed " + seed);
        for (float v : t.data()) assertTrue(v >= 0 && v <= 255, "seed " + seed + ": value " + v);
        return Outcome.READ;
    }

    @Test
    void mutatedAndRandomFilesAreReadOrRejectedCleanly() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
            int cases = 2500;
            for (int i = 0; i < cases; i++) {
                long seed = BASE_SEED + i;
                SplittableRandom random = new SplittableRandom(seed);
                Mutator mutator = new Mutator(random);
                boolean images = random.nextBoolean();
                byte[] bytes = switch (random.nextInt(10)) {
                    case 0 -> validFile(random, images);
                    case 1 -> mutator.randomBytes(random.nextInt(64));
                    default -> mutator.mutateBytes(validFile(random, images), 4);
                };
                if (random.nextInt(4) == 0) {
                    bytes = TestFiles.gzip(bytes);
                    mutator.note("gzip");
                    if (random.nextBoolean()) bytes = mutator.mutateBytes(bytes, 2);
                }
                Path file = TestFiles.write(dir, "fuzz-" + (i % 2), bytes);
                ImageLayout layout = random.nextBoolean() ? ImageLayout.FLAT : ImageLayout.NCHW;
                Outcome outcome = images
                        ? readOrReject(file, () -> IdxReader.readImages(file, layout, ChecksumPolicy.SKIP), seed, mutator, layout == ImageLayout.FLAT ? 2 : 4)
                        : readOrReject(file, () -> IdxReader.readLabels(file, ChecksumPolicy.SKIP), seed, mutator, 1);
                outcomes.merge(outcome, 1, Integer::sum);
            }
            assertTrue(outcomes.getOrDefault(Outcome.READ, 0) >= cases / 20, "some inputs must be valid: " + outcomes);
            assertTrue(outcomes.getOrDefault(Outcome.REJECTED, 0) >= cases / 2, outcomes.toString());
        });
    }

    /** Found by this fuzzer: with a count of 0, rows × columns overflowed an int and escaped as another exception. */
    @Test
    void noImagesOfAHugeSizeAreRejected() {
        byte[] header = ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(0).putInt(50_000).putInt(50_000).array();
        Path file = TestFiles.write(dir, "huge", header);
        DataFormatException e = org.junit.jupiter.api.Assertions.assertThrows(DataFormatException.class,
                () -> IdxReader.readImages(file, ImageLayout.FLAT, ChecksumPolicy.SKIP));
        assertTrue(e.getMessage().contains("50000×50000 pixels are more than one float array holds"), e.getMessage());
    }

    @Test
    void pairsOfMutatedFilesAreLoadedOrRejectedCleanly() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 500; i++) {
                long seed = BASE_SEED + 100_000 + i;
                SplittableRandom random = new SplittableRandom(seed);
                Mutator mutator = new Mutator(random);
                byte[] images = validFile(random, true);
                byte[] labels = validFile(random, false);
                if (random.nextBoolean()) images = mutator.mutateBytes(images, 2);
                else labels = mutator.mutateBytes(labels, 2);
                Path imagesFile = TestFiles.write(dir, "pair-images", images);
                Path labelsFile = TestFiles.write(dir, "pair-labels", labels);
                try {
                    Dataset d = IdxReader.load(imagesFile, labelsFile, ImageLayout.FLAT, ChecksumPolicy.SKIP);
                    assertEquals(d.features().dim(0), d.targets().dim(0), "seed " + seed);
                } catch (DataFormatException e) {
                    assertTrue(e.getMessage().startsWith(imagesFile + ": ") || e.getMessage().startsWith(labelsFile + ": "), e.getMessage());
                } catch (Throwable t) {
                    fail("seed " + seed + " (" + mutator.description() + "): " + t, t);
                }
            }
        });
    }
}
