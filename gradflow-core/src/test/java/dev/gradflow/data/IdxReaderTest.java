package dev.gradflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.tensor.Shape;
import dev.gradflow.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX reading on slices of the real files (first 1,000 MNIST and 200 Fashion-MNIST test images; expected values read
 * independently with Python/NumPy from the same slices) and on corrupt files built here.
 */
class IdxReaderTest {
    private static final Path MNIST = TestFiles.resource("mnist-slice");
    private static final Path FASHION = TestFiles.resource("fashion-mnist-slice");

    @TempDir
    Path dir;

    @Test
    void mnistSliceHasTheKnownLabelsAndPixels() {
        Dataset data = Mnist.load(MNIST, Split.TEST, ImageLayout.FLAT, ChecksumPolicy.SKIP);
        assertEquals(Shape.of(1000, 784), data.features().shape());
        assertEquals(Shape.of(1000), data.targets().shape());
        assertArrayEquals(new float[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(data.targets().data(), 10));
        assertEquals(9f, data.targets().get(999));
        int[] counts = new int[10];
        for (float label : data.targets().data()) counts[(int) label]++;
        assertArrayEquals(new int[] {85, 126, 116, 107, 110, 87, 87, 99, 89, 94}, counts);
        // image 0, row 7, columns 6..12: 84 185 159 151 60 36 0; its pixel sum is 18454
        float[] row7 = Arrays.copyOfRange(data.features().data(), 7 * 28 + 6, 7 * 28 + 13);
        assertArrayEquals(new float[] {84 / 255f, 185 / 255f, 159 / 255f, 151 / 255f, 60 / 255f, 36 / 255f, 0}, row7);
        assertEquals(0f, data.features().get(0, 7 * 28 + 5));
        assertEquals(18454.0, pixelSum(data.features(), 0), 1e-6);
        assertEquals(18905.0, pixelSum(data.features(), 999), 1e-6);
        assertEquals(194 / 255f, data.features().get(123, 14 * 28 + 14));
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : data.features().data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void nchwLayoutHoldsTheSamePixels() {
        Dataset flat = Mnist.load(MNIST, Split.TEST, ImageLayout.FLAT, ChecksumPolicy.SKIP);
        Dataset images = Mnist.load(MNIST, Split.TEST, ImageLayout.NCHW, ChecksumPolicy.SKIP);
        assertEquals(Shape.of(1000, 1, 28, 28), images.features().shape());
        assertEquals(185 / 255f, images.features().get(0, 0, 7, 7));
        assertArrayEquals(flat.features().data(), images.features().data());
    }

    @Test
    void fashionMnistSliceHasTheKnownLabelsAndPixels() {
        Dataset data = FashionMnist.load(FASHION, Split.TEST, ImageLayout.FLAT, ChecksumPolicy.SKIP);
        assertEquals(Shape.of(200, 784), data.features().shape());
        assertArrayEquals(new float[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(data.targets().data(), 10));
        assertEquals(33456.0, pixelSum(data.features(), 0), 1e-6);
        assertEquals(51291.0, pixelSum(data.features(), 199), 1e-6);
        assertEquals(3 / 255f, data.features().get(0, 7 * 28 + 19));
        assertEquals(203 / 255f, data.features().get(123, 14 * 28 + 14));
    }

    @Test
    void standardNamesAreVerifiedAgainstThePublishedChecksums() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> Mnist.load(MNIST, Split.TEST));
        String message = e.getMessage();
        assertTrue(message.startsWith(MNIST.resolve("t10k-images-idx3-ubyte.gz") + ": SHA-256 mismatch"), message);
        assertTrue(message.contains("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6 (MNIST test images)"), message);
        assertTrue(message.contains("checksum=skip"), message);
        // the generic reader accepts either dataset's published file under a standard name, so it names both
        String generic = assertThrows(DataFormatException.class,
                () -> IdxReader.readLabels(FASHION.resolve("t10k-labels-idx1-ubyte.gz"))).getMessage();
        assertTrue(generic.contains("(MNIST test labels) or 67da17c7"), generic);
    }

    @Test
    void genericReaderLoadsAnyNameWithoutChecksum() {
        Path images = TestFiles.write(dir, "imgs.idx", idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 3}, new byte[] {0, 1, 2, 3, 4, (byte) 255, 6, 7, 8, 9, 10, 11}));
        Path labels = TestFiles.write(dir, "labels.idx.gz", TestFiles.gzip(idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {3, (byte) 200})));
        Dataset data = IdxReader.load(images, labels);
        assertEquals(Shape.of(2, 6), data.features().shape());
        assertEquals(1f, data.features().get(0, 5));
        assertEquals(2 / 255f, data.features().get(0, 2));
        assertArrayEquals(new float[] {3, 200}, data.targets().data());
        assertEquals(Shape.of(2, 1, 2, 3), IdxReader.readImages(images, ImageLayout.NCHW, ChecksumPolicy.VERIFY).shape());
    }

    @Test
    void truncatedImagesSayHowManyBytesWereExpected() {
        byte[] full = TestFiles.gunzip(MNIST.resolve("t10k-images-idx3-ubyte.gz"));
        Path raw = TestFiles.write(dir, "cut-images", Arrays.copyOf(full, 16 + 784 * 3 + 100));
        assertEquals(raw + ": truncated: expected 784016 bytes (16-byte header + 1000 images × 28 × 28), got 2468",
                assertThrows(DataFormatException.class, () -> IdxReader.readImages(raw)).getMessage());
        // the same, inside a complete gzip stream
        Path gz = TestFiles.write(dir, "cut-images.gz", TestFiles.gzip(Arrays.copyOf(full, 5000)));
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readImages(gz)).getMessage()
                .endsWith("truncated: expected 784016 bytes (16-byte header + 1000 images × 28 × 28), got 5000"));
    }

    @Test
    void truncatedGzipStreamIsDetected() {
        byte[] gz = TestFiles.gzip(TestFiles.gunzip(MNIST.resolve("t10k-images-idx3-ubyte.gz")));
        Path file = TestFiles.write(dir, "half.gz", Arrays.copyOf(gz, gz.length / 2));
        String message = assertThrows(DataFormatException.class, () -> IdxReader.readImages(file)).getMessage();
        assertTrue(message.startsWith(file + ": truncated: expected 784016 bytes"), message);
    }

    @Test
    void truncatedHeaderAndEmptyFileAreDetected() {
        Path empty = TestFiles.write(dir, "empty", new byte[0]);
        assertEquals(empty + ": truncated: the IDX header needs 8 bytes but the data ends within the first 4",
                assertThrows(DataFormatException.class, () -> IdxReader.readLabels(empty)).getMessage());
        Path header = TestFiles.write(dir, "header", Arrays.copyOf(idx(IdxReader.IMAGES_MAGIC, new int[] {1, 28, 28}, new byte[0]), 10));
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readImages(header)).getMessage()
                .contains("the IDX header needs 16 bytes but the data ends within the first 12"));
    }

    @Test
    void wrongMagicNumberIsExplained() {
        Path labels = TestFiles.write(dir, "labels", idx(IdxReader.LABELS_MAGIC, new int[] {1}, new byte[] {1}));
        assertEquals(labels + ": bad magic number 0x00000801: expected 0x00000803 (images: unsigned bytes, 3 dimensions);"
                + " this is an IDX labels file", assertThrows(DataFormatException.class, () -> IdxReader.readImages(labels)).getMessage());
        Path text = TestFiles.write(dir, "text", "hello world, this is not IDX");
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readLabels(text)).getMessage()
                .endsWith("this is not an IDX file"));
        Path floats = TestFiles.write(dir, "floats", idx(0x00000D01, new int[] {0}, new byte[0]));
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readLabels(floats)).getMessage()
                .endsWith("IDX element type 0x0D is not unsigned byte (0x08)"));
    }

    @Test
    void imageAndLabelCountMismatchIsDetected() {
        Path images = TestFiles.write(dir, "images", idx(IdxReader.IMAGES_MAGIC, new int[] {3, 2, 2}, new byte[12]));
        Path labels = TestFiles.write(dir, "labels", idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[2]));
        assertEquals(labels + ": holds 2 labels but " + images + " holds 3 images; the two files must describe the same examples",
                assertThrows(DataFormatException.class, () -> IdxReader.load(images, labels)).getMessage());
    }

    @Test
    void extraBytesAfterTheDataAreRejected() {
        Path labels = TestFiles.write(dir, "labels", idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[5]));
        assertEquals(labels + ": has 3 bytes after the data: the header declares 2 labels (10 bytes in all)",
                assertThrows(DataFormatException.class, () -> IdxReader.readLabels(labels)).getMessage());
    }

    @Test
    void hugeCountsAreRejectedBeforeAllocating() {
        Path images = TestFiles.write(dir, "images", idx(IdxReader.IMAGES_MAGIC, new int[] {-1, 28, 28}, new byte[0]));
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readImages(images)).getMessage()
                .contains("image count 4294967295 in the header is too large"));
        Path many = TestFiles.write(dir, "many", idx(IdxReader.IMAGES_MAGIC, new int[] {10_000_000, 28, 28}, new byte[0]));
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readImages(many)).getMessage()
                .contains("more than one float array holds"));
        // 2.5 million images fit in one array (1.96·10⁹ pixels) but the data are absent: no 8 GB allocation first
        Path absent = TestFiles.write(dir, "absent", idx(IdxReader.IMAGES_MAGIC, new int[] {2_500_000, 28, 28}, new byte[100]));
        assertEquals(absent + ": truncated: expected 1960000016 bytes (16-byte header + 2500000 images × 28 × 28), got 116",
                assertThrows(DataFormatException.class, () -> IdxReader.readImages(absent)).getMessage());
    }

    @Test
    void missingFilesAreNamed() {
        Path missing = dir.resolve("train-images-idx3-ubyte.gz");
        assertEquals(missing + ": the file does not exist",
                assertThrows(DataFormatException.class, () -> IdxReader.readImages(missing)).getMessage());
        Path labels = TestFiles.write(dir, "labels", idx(IdxReader.LABELS_MAGIC, new int[] {1}, new byte[1]));
        assertEquals(dir.resolve("nope") + ": the file does not exist",
                assertThrows(DataFormatException.class, () -> IdxReader.load(dir.resolve("nope"), labels)).getMessage());
    }

    @Test
    void mnistDirectoryProblemsAreExplained() {
        Path missing = dir.resolve("no-such-dir");
        assertEquals(missing + ": the directory does not exist",
                assertThrows(DataFormatException.class, () -> Mnist.load(missing, Split.TRAIN)).getMessage());
        String message = assertThrows(DataFormatException.class, () -> Mnist.load(MNIST, Split.TRAIN)).getMessage();
        assertTrue(message.startsWith(MNIST.resolve("train-images-idx3-ubyte.gz") + ": the file does not exist"), message);
        assertTrue(message.contains("t10k-labels-idx1-ubyte.gz"), message);
    }

    @Test
    void mnistChecksImageSizeAndLabelRange() {
        TestFiles.write(dir, "t10k-images-idx3-ubyte", idx(IdxReader.IMAGES_MAGIC, new int[] {1, 2, 2}, new byte[4]));
        TestFiles.write(dir, "t10k-labels-idx1-ubyte", idx(IdxReader.LABELS_MAGIC, new int[] {1}, new byte[] {12}));
        String labels = assertThrows(DataFormatException.class,
                () -> Mnist.load(dir, Split.TEST, ImageLayout.FLAT, ChecksumPolicy.SKIP)).getMessage();
        assertTrue(labels.endsWith("t10k-labels-idx1-ubyte: label 0 (0-based) is 12; MNIST labels are 0..9"), labels);
        TestFiles.write(dir, "t10k-labels-idx1-ubyte", idx(IdxReader.LABELS_MAGIC, new int[] {1}, new byte[] {2}));
        String size = assertThrows(DataFormatException.class,
                () -> FashionMnist.load(dir, Split.TEST, ImageLayout.NCHW, ChecksumPolicy.SKIP)).getMessage();
        assertTrue(size.contains("Fashion-MNIST images are 28×28"), size);
    }

    private static double pixelSum(Tensor features, int image) {
        double sum = 0;
        for (int i = 0; i < 784; i++) sum += Math.round(features.get(image, i) * 255f);
        return sum;
    }

    /** An IDX file: magic, the dimensions, then the data bytes (which may disagree with the dimensions). */
    private static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.putInt(magic);
        for (int d : dims) buffer.putInt(d);
        buffer.put(data);
        return buffer.array();
    }
}
