package dev.ballast.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard output that remembers why a write failed. A PrintWriter swallows write errors and
 * keeps only that one happened; {@link Subcommand} asks after every command, so that
 * {@code ballast plan --format json >/dev/full} exits non-zero saying the disk is full instead
 * of exiting 0 having written nothing.
 */
final class Stdout extends PrintWriter {

    private final Recording recording;

    private Stdout(Recording recording) {
        super(new OutputStreamWriter(recording, StandardCharsets.UTF_8), true);
        this.recording = recording;
    }

    /** The process's standard output. */
    static Stdout system() {
        return over(new FileOutputStream(FileDescriptor.out));
    }

    /** Output to {@code out}, for tests. */
    static Stdout over(OutputStream out) {
        return new Stdout(new Recording(out));
    }

    /** Why the first failed write failed, e.g. "No space left on device". */
    String failure() {
        IOException failure = recording.failure;
        return failure == null || failure.getMessage() == null ? "a write failed" : failure.getMessage();
    }

    private static final class Recording extends FilterOutputStream {

        private IOException failure;

        Recording(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        private void record(IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
