package dev.gradflow.modelio;

import dev.gradflow.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes safetensors files laid out byte for byte as the reference implementation's {@code serialize} (and so
 * {@code safetensors.torch.save_file}) lays them out:
 * <ol>
 *   <li>tensors ordered by descending dtype alignment ({@code I64} before {@code F32} before {@code F16}), then by
 *       name (compared as UTF-8 bytes), and packed into the data section in that order without gaps, the first at
 *       offset 0;</li>
 *   <li>the header (see {@link SafetensorsHeader#toBytes}) lists {@code __metadata__} first, then the tensors in
 *       that same order, and is padded with spaces to a multiple of 8 bytes;</li>
 *   <li>the file is N (8 bytes, little-endian), the header, then each tensor's little-endian elements.</li>
 * </ol>
 * So for the same tensors and metadata (with at most one metadata key, whose order the reference leaves to a hash
 * map) gradflow and PyTorch write the same bytes. Files are written atomically ({@link AtomicFiles}).
 */
public final class SafetensorsWriter {
    private static final int CHUNK_BYTES = 1 << 16;

    private SafetensorsWriter() {}

    /** Writes float32 tensors (F32) and metadata to {@code file}, atomically. */
    public static void writeFloat32(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        write(file, asFloat32(tensors), metadata);
    }

    /** Writes tensors, each in its dtype, and metadata to {@code file}, atomically. */
    public static void write(Path file, Map<String, StoredTensor> tensors, Map<String, String> metadata) {
        SafetensorsHeader header = layout(tensors, metadata);
        AtomicFiles.write(file, channel -> writeTo(channel, header, tensors));
    }

    /** The bytes {@link #write} would write. */
    public static byte[] toBytes(Map<String, StoredTensor> tensors, Map<String, String> metadata) {
        SafetensorsHeader header = layout(tensors, metadata);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(Channels.newChannel(out), header, tensors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Each tensor as F32. */
    public static Map<String, StoredTensor> asFloat32(Map<String, Tensor> tensors) {
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        tensors.forEach((name, t) -> out.put(name, StoredTensor.f32(t)));
        return out;
    }

    /** The header for {@code tensors}: ordered and given offsets as the reference implementation does. */
    public static SafetensorsHeader layout(Map<String, StoredTensor> tensors, Map<String, String> metadata) {
        List<String> names = new ArrayList<>(tensors.keySet());
        for (String name : names) {
            if (name == null || tensors.get(name) == null) throw new IllegalArgumentException("safetensors writer: null tensor name or tensor");
        }
        names.sort((a, b) -> {
            int byDtype = Integer.compare(tensors.get(b).dtype().ordinal(), tensors.get(a).dtype().ordinal());
            return byDtype != 0 ? byDtype : SafetensorsHeader.compareUtf8(a, b);
        });
        List<TensorInfo> infos = new ArrayList<>();
        long offset = 0;
        for (String name : names) {
            StoredTensor t = tensors.get(name);
            long bytes = (long) t.values().size() * t.dtype().byteSize();
            infos.add(new TensorInfo(name, t.dtype(), t.values().shape(), offset, offset + bytes));
            offset += bytes;
        }
        return new SafetensorsHeader(infos, metadata);
    }

    private static void writeTo(WritableByteChannel channel, SafetensorsHeader header, Map<String, StoredTensor> tensors) throws IOException {
        byte[] headerBytes = header.toBytes();
        if (headerBytes.length > SafetensorsHeader.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("safetensors writer: the header would have " + headerBytes.length
                    + " bytes, more than readers accept (" + SafetensorsHeader.MAX_HEADER_BYTES + ")");
        }
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerBytes.length);
        writeFully(channel, prefix);
        writeFully(channel, ByteBuffer.wrap(headerBytes));
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (TensorInfo info : header.tensors()) {
            float[] values = tensors.get(info.name()).values().data();
            int perChunk = CHUNK_BYTES / info.dtype().byteSize();
            for (int done = 0; done < values.length; ) {
                int count = Math.min(perChunk, values.length - done);
                chunk.clear();
                info.dtype().encode(values, done, count, chunk, info.name());
                chunk.flip();
                writeFully(channel, chunk);
                done += count;
            }
        }
    }

    private static void writeFully(WritableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) channel.write(buffer);
    }
}
