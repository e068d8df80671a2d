package dev.gradflow.data;

import dev.gradflow.tensor.Tensor;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads IDX files of unsigned bytes, the format of MNIST and Fashion-MNIST, gzip-compressed or not (detected from
 * the content).
 *
 * <p>Format: big-endian 32-bit integers, then the data. Images: magic {@code 0x00000803} (type 0x08 = unsigned
 * byte, 3 dimensions), count, rows, columns, then count·rows·columns pixels 0..255, one image after another, row-major.
 * Labels: magic {@code 0x00000801}, count, then count bytes. The magic number, the dimensions and the exact data
 * length (neither truncated nor followed by extra bytes) are checked.
 *
 * <p>Pixels become floats p / 255 in [0, 1], exactly as torchvision's {@code ToTensor()} computes them; labels become
 * class indices as floats, shape [N]. A file with a standard MNIST/Fashion-MNIST name is first checked against the
 * published SHA-256 (see {@link KnownChecksums}) unless the policy is {@link ChecksumPolicy#SKIP}.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned-byte images (3 dimensions). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte labels (1 dimension). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int CHUNK = 1 << 16;
    private static final int INITIAL_BUFFER = 1 << 20;

    private IdxReader() {}

    /** Images as [N, rows·cols], checksum verified for standard names. */
    public static Tensor readImages(Path file) {
        return readImages(file, ImageLayout.FLAT, ChecksumPolicy.VERIFY);
    }

    /** Images as [N, rows·cols] or [N, 1, rows, cols], scaled to [0, 1]. */
    public static Tensor readImages(Path file, ImageLayout layout, ChecksumPolicy checksum) {
        KnownChecksums.verify(file, checksum);
        return readImagesUnchecked(file, layout);
    }

    /** Labels as [N], checksum verified for standard names. */
    public static Tensor readLabels(Path file) {
        return readLabels(file, ChecksumPolicy.VERIFY);
    }

    /** Labels as [N]. */
    public static Tensor readLabels(Path file, ChecksumPolicy checksum) {
        KnownChecksums.verify(file, checksum);
        return readLabelsUnchecked(file);
    }

    /** An images file and its labels file as one dataset (flat images, checksums verified for standard names). */
    public static Dataset load(Path images, Path labels) {
        return load(images, labels, ImageLayout.FLAT, ChecksumPolicy.VERIFY);
    }

    /** An images file and its labels file as one dataset; the two counts must agree. */
    public static Dataset load(Path images, Path labels, ImageLayout layout, ChecksumPolicy checksum) {
        KnownChecksums.verify(images, checksum);
        KnownChecksums.verify(labels, checksum);
        return pair(images, readImagesUnchecked(images, layout), labels, readLabelsUnchecked(labels));
    }

    static Dataset pair(Path imagesFile, Tensor images, Path labelsFile, Tensor labels) {
        if (images.dim(0) != labels.dim(0)) {
            throw DataFormatException.inFile(labelsFile, "holds " + labels.dim(0) + " labels but " + imagesFile
                    + " holds " + images.dim(0) + " images; the two files must describe the same examples");
        }
        return new Dataset(images, labels);
    }

    static Tensor readImagesUnchecked(Path file, ImageLayout layout) {
        try (InputStream raw = DataFiles.open(file)) {
            DataInputStream in = new DataInputStream(raw);
            int headerBytes = 16;
            readMagic(in, file, IMAGES_MAGIC, headerBytes);
            int count = readDimension(in, file, "image count", headerBytes, 4);
            int rows = readDimension(in, file, "rows", headerBytes, 8);
            int cols = readDimension(in, file, "columns", headerBytes, 12);
            if (rows == 0 || cols == 0) {
                throw DataFormatException.inFile(file, "images of " + rows + "×" + cols + " pixels have no pixels");
            }
            long pixels = (long) count * rows * cols;
            if (pixels > Integer.MAX_VALUE - 8 || (long) rows * cols > Integer.MAX_VALUE - 8) {
                throw DataFormatException.inFile(file, count + " images of " + rows + "×" + cols
                        + " pixels are more than one float array holds (2^31 elements)");
            }
            byte[] bytes = readBody(in, file, (int) pixels, headerBytes, count + " images × " + rows + " × " + cols);
            float[] data = new float[bytes.length];
            for (int i = 0; i < data.length; i++) data[i] = (bytes[i] & 0xFF) / 255f;
            return layout == ImageLayout.FLAT ? Tensor.of(data, count, rows * cols) : Tensor.of(data, count, 1, rows, cols);
        } catch (IOException e) {
            throw DataFiles.readError(file, e);
        }
    }

    static Tensor readLabelsUnchecked(Path file) {
        try (InputStream raw = DataFiles.open(file)) {
            DataInputStream in = new DataInputStream(raw);
            int headerBytes = 8;
            readMagic(in, file, LABELS_MAGIC, headerBytes);
            int count = readDimension(in, file, "label count", headerBytes, 4);
            if (count > Integer.MAX_VALUE - 8) throw DataFormatException.inFile(file, "label count " + count + " is too large");
            byte[] bytes = readBody(in, file, count, headerBytes, count + " labels");
            float[] data = new float[count];
            for (int i = 0; i < count; i++) data[i] = bytes[i] & 0xFF;
            return Tensor.of(data, count);
        } catch (IOException e) {
            throw DataFiles.readError(file, e);
        }
    }

    private static void readMagic(DataInputStream in, Path file, int expected, int headerBytes) throws IOException {
        int magic = readHeaderInt(in, file, headerBytes, 0);
        if (magic == expected) return;
        String what = expected == IMAGES_MAGIC ? "images: unsigned bytes, 3 dimensions" : "labels: unsigned bytes, 1 dimension";
        String found;
        if ((magic >>> 16) != 0) {
            found = "this is not an IDX file";
        } else if (magic == IMAGES_MAGIC) {
            found = "this is an IDX images file";
        } else if (magic == LABELS_MAGIC) {
            found = "this is an IDX labels file";
        } else if (((magic >>> 8) & 0xFF) != UNSIGNED_BYTE) {
            found = "IDX element type " + hex((magic >>> 8) & 0xFF, 2) + " is not unsigned byte (0x08)";
        } else {
            found = "an IDX file with " + (magic & 0xFF) + " dimensions";
        }
        throw DataFormatException.inFile(file, "bad magic number " + hex(magic, 8) + ": expected " + hex(expected, 8)
                + " (" + what + "); " + found);
    }

    private static int readDimension(DataInputStream in, Path file, String name, int headerBytes, int offset) throws IOException {
        int value = readHeaderInt(in, file, headerBytes, offset);
        if (value < 0) {
            throw DataFormatException.inFile(file, name + " " + Integer.toUnsignedString(value) + " in the header is too large");
        }
        return value;
    }

    private static int readHeaderInt(DataInputStream in, Path file, int headerBytes, int offset) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw DataFormatException.inFile(file, "truncated: the IDX header needs " + headerBytes
                    + " bytes but the data ends within the first " + (offset + 4), e);
        }
    }

    /**
     * Reads exactly {@code length} data bytes and checks that nothing follows. The buffer grows as data arrive (from
     * at most {@link #INITIAL_BUFFER} bytes), so a corrupt header that declares billions of items fails as truncated
     * instead of allocating memory for them first.
     */
    private static byte[] readBody(InputStream in, Path file, int length, int headerBytes, String layoutText) throws IOException {
        byte[] data = new byte[Math.min(length, INITIAL_BUFFER)];
        int filled = 0;
        long expectedBytes = headerBytes + (long) length;
        try {
            while (filled < length) {
                if (filled == data.length) data = Arrays.copyOf(data, (int) Math.min(length, 2L * data.length));
                int n = in.read(data, filled, data.length - filled);
                if (n < 0) break;
                filled += n;
            }
        } catch (EOFException e) {
            throw truncated(file, expectedBytes, headerBytes + (long) filled, headerBytes, layoutText, e);
        }
        if (filled < length) throw truncated(file, expectedBytes, headerBytes + (long) filled, headerBytes, layoutText, null);
        long extra = 0;
        byte[] chunk = new byte[CHUNK];
        for (int n; (n = in.read(chunk)) > 0; ) extra += n;
        if (extra > 0) {
            throw DataFormatException.inFile(file, "has " + extra + " bytes after the data: the header declares " + layoutText
                    + " (" + expectedBytes + " bytes in all)");
        }
        return data;
    }

    private static DataFormatException truncated(Path file, long expected, long got, int headerBytes, String layoutText, Throwable cause) {
        return DataFormatException.inFile(file, "truncated: expected " + expected + " bytes (" + headerBytes + "-byte header + "
                + layoutText + "), got " + got, cause);
    }

    private static String hex(int value, int digits) {
        return String.format(Locale.ROOT, "0x%0" + digits + "X", value);
    }
}
