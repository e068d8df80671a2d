package dev.gradflow.modelio;

import dev.gradflow.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads safetensors files (format of huggingface/safetensors):
 * <pre>
 *   bytes [0, 8)        N, the header length: unsigned 64-bit little-endian
 *   bytes [8, 8 + N)    the header: UTF-8 JSON {"name": {"dtype": "F32", "shape": [..], "data_offsets": [b, e]}, …,
 *                       "__metadata__": {string: string}} (optionally padded with spaces)
 *   bytes [8 + N, end)  the data section; tensor "name" is bytes [b, e) of it, row-major, little-endian
 * </pre>
 *
 * <p>The reader treats the file as untrusted. Before anything is allocated from a number in the file, that number
 * is checked: N against 100 MB ({@link SafetensorsHeader#MAX_HEADER_BYTES}) and against the file's size; every
 * tensor's offsets against the data section and against product(shape)·dtype size; and the tensors must tile the
 * data section exactly (see {@link SafetensorsHeader#parse}). So reading allocates at most about four bytes per
 * byte of file (F16/BF16 widen to float32) and never more than the file holds. Every defect is reported as a
 * {@link ModelFileException} naming the file and the tensor or position at fault; I/O failures too (a missing or
 * unreadable file is reported the same way). Dtypes: F32, F64, F16, BF16, I64, I32, all converted to float32
 * (see {@link Dtype}).
 */
public final class SafetensorsReader {
    /** Bytes read per chunk of tensor data; a multiple of every dtype size, so no element is split. */
    private static final int CHUNK_BYTES = 1 << 20;

    private SafetensorsReader() {}

    /** Reads every tensor and the metadata of {@code file}. */
    public static SafetensorsContent read(Path file) {
        return withFile(file, in -> read(in, file.toString()));
    }

    /** Reads only the header (tensor names, dtypes, shapes, offsets and metadata) of {@code file}. */
    public static SafetensorsHeader readHeader(Path file) {
        return withFile(file, in -> readHeader(in, file.toString()).header());
    }

    /** Reads safetensors bytes held in memory; {@code source} names them in errors. */
    public static SafetensorsContent read(byte[] bytes, String source) {
        try {
            return read(new ByteSource.InMemory(bytes), source);
        } catch (IOException e) {
            throw new ModelFileException(source, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    private interface FileReading<T> {
        T apply(ByteSource in) throws IOException;
    }

    private static <T> T withFile(Path file, FileReading<T> reading) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return reading.apply(new ByteSource.OfFile(channel));
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file.toString(), null, "no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(file.toString(), null, "cannot be read: " + e, e);
        }
    }

    private record Located(SafetensorsHeader header, long dataStart) {}

    private static SafetensorsContent read(ByteSource in, String source) throws IOException {
        Located located = readHeader(in, source);
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        ByteBuffer chunk = null;
        for (TensorInfo info : located.header().tensors()) {
            if (chunk == null && info.byteLength() > 0) {
                chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, located.header().dataLength())).order(ByteOrder.LITTLE_ENDIAN);
            }
            tensors.put(info.name(), new StoredTensor(info.dtype(), readTensor(in, located.dataStart(), info, chunk)));
        }
        return new SafetensorsContent(tensors, located.header().metadata());
    }

    private static Located readHeader(ByteSource in, String source) throws IOException {
        long size = in.size();
        if (size < 8) {
            throw new ModelFileException(source, null, "the file has " + size + " bytes, fewer than the 8 that give the header length");
        }
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        in.readFully(0, prefix);
        long n = prefix.getLong(0);
        if (n < 0 || n > SafetensorsHeader.MAX_HEADER_BYTES) {
            throw new ModelFileException(source, "bytes 0-7", "header length " + Long.toUnsignedString(n) + " exceeds the limit of "
                    + SafetensorsHeader.MAX_HEADER_BYTES + " bytes");
        }
        if (n > size - 8) {
            throw new ModelFileException(source, "bytes 0-7", "header length " + n + " is larger than the rest of the file ("
                    + (size - 8) + " bytes)");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
        in.readFully(8, headerBytes);
        long dataStart = 8 + n;
        return new Located(SafetensorsHeader.parse(headerBytes.array(), size - dataStart, source), dataStart);
    }

    private static Tensor readTensor(ByteSource in, long dataStart, TensorInfo info, ByteBuffer chunk) throws IOException {
        float[] values = new float[info.shape().size()];
        int elementsPerChunk = chunk == null ? 0 : chunk.capacity() / info.dtype().byteSize();
        long position = dataStart + info.begin();
        for (int done = 0; done < values.length; ) {
            int count = Math.min(elementsPerChunk, values.length - done);
            chunk.clear().limit(count * info.dtype().byteSize());
            in.readFully(position, chunk);
            chunk.flip();
            info.dtype().decode(chunk, values, done, count);
            position += (long) count * info.dtype().byteSize();
            done += count;
        }
        return Tensor.of(values, info.shape());
    }
}
