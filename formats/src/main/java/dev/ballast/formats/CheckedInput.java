package dev.ballast.formats;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JSON file's bytes as the streaming parser reads them, checked on their way to it: at most
 * {@link Documents#MAX_FILE_BYTES} (the file may have grown since its size was read) and UTF-8
 * throughout, with the same messages as {@link Documents#readFile}. Checking the bytes as they
 * pass, rather than in a pass of their own before parsing, saves reading a 400 MB file twice.
 *
 * <p>A file that fails is refused with {@link Refused}, an IOException that carries the file's
 * problem: the parser lets IOExceptions of its input through.
 */
final class CheckedInput extends FilterInputStream {

    /** The file's problem, on its way out through the parser. */
    static final class Refused extends IOException {

        private final transient InputException problem;

        Refused(InputException problem) {
            super(problem.getMessage());
            this.problem = problem;
        }

        InputException problem() {
            return problem;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final String source;
    private final CharsetDecoder decoder = Documents.utf8Decoder();
    /** The bytes to decode: the start of a character cut at the end of the last read, then the new ones. */
    private ByteBuffer pending = ByteBuffer.allocate(1 << 16);
    private CharBuffer decoded = CharBuffer.allocate(1 << 16);
    /** Bytes read so far. */
    private long read;
    /** The offset in the file of pending's first byte. */
    private long pendingAt;
    private boolean ended;

    private CheckedInput(InputStream in, Path file) {
        super(in);
        this.file = file;
        this.source = file.toString();
    }

    static CheckedInput open(Path file) throws IOException {
        return new CheckedInput(Files.newInputStream(file), file);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int n = in.read(bytes, offset, length);
        if (n < 0) {
            end();
            return n;
        }
        read += n;
        if (read > Documents.MAX_FILE_BYTES) {
            throw new Refused(Documents.tooLarge(source, read));
        }
        check(bytes, offset, n);
        return n;
    }

    @Override
    public long skip(long count) throws IOException {
        byte[] scratch = new byte[(int) Math.min(count, 8192)];
        long skipped = 0;
        while (skipped < count) {
            int n = read(scratch, 0, (int) Math.min(scratch.length, count - skipped));
            if (n < 0) {
                break;
            }
            skipped += n;
        }
        return skipped;
    }

    /** Reads and checks what is left of the file, for a reader that stopped before its end. */
    void checkRest() throws IOException {
        byte[] scratch = new byte[1 << 16];
        while (read(scratch, 0, scratch.length) >= 0) {
            // Each read is checked.
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(byte[] bytes, int offset, int length) throws IOException {
        // Most files are ASCII throughout: a byte below 0x80 needs no decoding.
        if (pending.position() == 0 && isAscii(bytes, offset, length)) {
            pendingAt += length;
            return;
        }
        if (pending.remaining() < length) {
            ByteBuffer larger = ByteBuffer.allocate(pending.position() + length);
            pending.flip();
            larger.put(pending);
            pending = larger;
            decoded = CharBuffer.allocate(larger.capacity());
        }
        pending.put(bytes, offset, length);
        decode(false);
    }

    private void end() throws IOException {
        if (!ended) {
            ended = true;
            decode(true);
        }
    }

    // Decodes what is pending, keeping the start of a character cut at its end for the next read.
    private void decode(boolean end) throws IOException {
        pending.flip();
        int start = pending.position();
        if (decoder.decode(pending, decoded.clear(), end).isError()) {
            throw new Refused(Documents.notUtf8(file, source, pendingAt + pending.position() - start));
        }
        pendingAt += pending.position() - start;
        pending.compact();
    }

    // Eight bytes at a time: ASCII when no byte has its top bit set.
    private static boolean isAscii(byte[] bytes, int offset, int length) {
        int end = offset + length;
        long any = 0;
        int i = offset;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            any |= (long) LONGS.get(bytes, i);
        }
        for (; i < end; i++) {
            any |= bytes[i];
        }
        return (any & 0x8080808080808080L) == 0;
    }
}
