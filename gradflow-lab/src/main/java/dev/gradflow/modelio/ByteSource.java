package dev.gradflow.modelio;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random-access bytes the reader reads from: a file channel or an array in memory. */
sealed interface ByteSource {

    /** Total number of bytes. */
    long size() throws IOException;

    /** Fills {@code target} (up to its limit) with the bytes starting at {@code position}, or throws EOFException. */
    void readFully(long position, ByteBuffer target) throws IOException;

    /** Bytes held in an array. */
    record InMemory(byte[] bytes) implements ByteSource {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public void readFully(long position, ByteBuffer target) throws IOException {
            if (position < 0 || position + target.remaining() > bytes.length) {
                throw new EOFException("bytes [" + position + ", " + (position + target.remaining()) + ") are beyond the end at " + bytes.length);
            }
            target.put(bytes, (int) position, target.remaining());
        }
    }

    /** Bytes of an open file. */
    record OfFile(FileChannel channel) implements ByteSource {
        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void readFully(long position, ByteBuffer target) throws IOException {
            long at = position;
            while (target.hasRemaining()) {
                int n = channel.read(target, at);
                if (n < 0) throw new EOFException("the file ended at byte " + at + " (it shrank while being read)");
                at += n;
            }
        }
    }
}
